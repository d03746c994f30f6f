/// Typography and spacing of the PDF: one place to change the look.
///
/// Sizes are in points. Font families are fontconfig fallback lists: the
/// first covers Latin (Liberation Sans, metric-compatible with Arial), DejaVu
/// covers most other scripts, WenQuanYi Micro Hei covers CJK.
struct PDFTheme: Sendable {
    struct Color: Sendable, Equatable {
        var red: Double
        var green: Double
        var blue: Double

        /// `#rrggbb`, for Pango markup spans.
        var hex: String {
            let parts = [red, green, blue].map { component -> String in
                let byte = Int((min(max(component, 0), 1) * 255).rounded())
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }
            return "#" + parts.joined()
        }
    }

    var fontFamily = "Liberation Sans,DejaVu Sans,WenQuanYi Micro Hei,Noto Sans CJK SC,sans-serif"
    var monospaceFamily = "Liberation Mono,DejaVu Sans Mono,WenQuanYi Micro Hei Mono,monospace"

    var bodySize = 10.0
    var nameSize = 22.0
    var contactSize = 9.5
    var sectionSize = 12.0
    var entrySize = 10.5
    var codeSize = 9.0
    /// Multiplier on the font's natural line height.
    var lineSpacing = 1.12

    var textColor = Color(red: 0.11, green: 0.145, blue: 0.19)
    var mutedColor = Color(red: 0.29, green: 0.333, blue: 0.396)
    var accentColor = Color(red: 0.122, green: 0.306, blue: 0.475)
    var ruleColor = Color(red: 0.725, green: 0.769, blue: 0.816)
    var ruleWidth = 0.6

    /// Width reserved left of list text for the bullet (a hanging indent).
    var bulletHang = 11.0
    /// Space between a list marker's right edge and the item text.
    var markerGap = 4.5
    /// Extra left indent per nesting level (lists, quotes).
    var nestedIndent = 12.0

    var sectionSpaceBefore = 12.0
    var sectionRuleGap = 2.5
    var sectionPaddingBelow = 6.0
    var entrySpaceBefore = 8.0
    var metaSpaceBefore = 1.0
    var paragraphSpaceBefore = 4.0
    var listItemSpaceBefore = 2.0

    static let standard = PDFTheme()
}
