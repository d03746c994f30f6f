// The export formats and paper sizes are the product's contract (`Contract`); they are part
// of this module's API, so users of ResumeRender see them without a second import.
@_exported import Contract
