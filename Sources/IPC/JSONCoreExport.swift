/// `JSONValue` lives in `JSONCore`, the one JSON type both processes and the providers share;
/// re-exported so every `import IPC` keeps seeing it.
@_exported import JSONCore
