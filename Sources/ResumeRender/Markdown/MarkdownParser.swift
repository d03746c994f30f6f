import CCmark
import Foundation

/// Turns Markdown into the block model via cmark-gfm's AST.
///
/// Raw HTML is never passed through: HTML blocks and inline HTML become
/// literal text, so a resume containing `<script>` renders as those characters
/// in every format. Images become their alt text; nothing is ever fetched.
enum MarkdownParser {
    /// Containers nested deeper than this are flattened to text. cmark itself
    /// copes with deep nesting; the limit protects our recursive conversion
    /// (and every renderer after it) from a stack overflow on hostile input.
    static let maxBlockDepth = 12
    static let maxInlineDepth = 32

    static func parse(_ markdown: String) -> [Block] {
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return [] }
        defer { cmark_parser_free(parser) }
        var source = markdown
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else { return [] }
        defer { cmark_node_free(root) }
        return blocks(in: root, depth: 0)
    }

    // MARK: Blocks

    private static func blocks(in parent: OpaquePointer, depth: Int) -> [Block] {
        children(of: parent).compactMap { block(from: $0, depth: depth) }
    }

    private static func block(from node: OpaquePointer, depth: Int) -> Block? {
        let type = cmark_node_get_type(node)
        if depth >= maxBlockDepth, type == CMARK_NODE_LIST || type == CMARK_NODE_BLOCK_QUOTE {
            return flattened(node)
        }
        switch type {
        case CMARK_NODE_HEADING:
            let level = min(max(Int(cmark_node_get_heading_level(node)), 1), 6)
            return .heading(level: level, content: inlines(in: node, depth: 0))
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(inlines(in: node, depth: 0))
        case CMARK_NODE_LIST:
            return .list(list(from: node, depth: depth))
        case CMARK_NODE_BLOCK_QUOTE:
            return .quote(blocks(in: node, depth: depth + 1))
        case CMARK_NODE_CODE_BLOCK:
            return .code(trimmingFinalNewline(literal(of: node)))
        case CMARK_NODE_HTML_BLOCK:
            // Shown as text, never interpreted (see the type's doc comment).
            let lines = trimmingFinalNewline(literal(of: node)).split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.contains(where: { !$0.isEmpty }) else { return nil }
            let content = lines.enumerated().flatMap { index, line -> [Inline] in
                index == 0 ? [.text(String(line))] : [.lineBreak, .text(String(line))]
            }
            return .paragraph(content.filter { $0 != .text("") })
        case CMARK_NODE_THEMATIC_BREAK:
            return .rule
        default:
            return flattened(node)
        }
    }

    private static func list(from node: OpaquePointer, depth: Int) -> ListBlock {
        let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
        let start = ordered ? Int(cmark_node_get_list_start(node)) : 1
        let items = children(of: node).map { item in
            ListItem(blocks: blocks(in: item, depth: depth + 1))
        }
        return ListBlock(ordered: ordered, start: start, items: items)
    }

    /// The subtree's text as one paragraph, gathered without recursion.
    private static func flattened(_ node: OpaquePointer) -> Block? {
        let text = plainText(of: node).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : .paragraph([.text(text)])
    }

    // MARK: Inlines

    private static func inlines(in parent: OpaquePointer, depth: Int) -> [Inline] {
        var result: [Inline] = []
        for node in children(of: parent) {
            guard let inline = inline(from: node, depth: depth) else { continue }
            append(inline, to: &result)
        }
        return result
    }

    private static func inline(from node: OpaquePointer, depth: Int) -> Inline? {
        let type = cmark_node_get_type(node)
        if depth >= maxInlineDepth { return .text(plainText(of: node)) }
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_HTML_INLINE:
            return .text(literal(of: node))
        case CMARK_NODE_SOFTBREAK:
            return .text(" ")
        case CMARK_NODE_LINEBREAK:
            return .lineBreak
        case CMARK_NODE_CODE:
            return .code(literal(of: node))
        case CMARK_NODE_EMPH:
            return .emphasis(inlines(in: node, depth: depth + 1))
        case CMARK_NODE_STRONG:
            return .strong(inlines(in: node, depth: depth + 1))
        case CMARK_NODE_LINK:
            let destination = string(cmark_node_get_url(node))
            return .link(destination: destination, content: inlines(in: node, depth: depth + 1))
        case CMARK_NODE_IMAGE:
            // Alt text only: a resume must not make any renderer load a URL.
            return .text(plainText(of: node))
        default:
            return .text(plainText(of: node))
        }
    }

    /// Merges adjacent text runs so renderers see "Hello world", not five pieces.
    private static func append(_ inline: Inline, to result: inout [Inline]) {
        if case .text(let next) = inline, case .text(let previous)? = result.last {
            result[result.count - 1] = .text(previous + next)
        } else {
            result.append(inline)
        }
    }

    // MARK: cmark helpers

    private static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    /// Every literal below `node`, walked with cmark's iterator (no recursion).
    private static func plainText(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                  let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_SOFTBREAK: text += " "
            case CMARK_NODE_LINEBREAK: text += "\n"
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_ITEM:
                if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            default: text += literal(of: current)
            }
        }
        return text
    }

    private static func literal(of node: OpaquePointer) -> String {
        string(cmark_node_get_literal(node))
    }

    /// Invalid UTF-8 from C is repaired (U+FFFD), never trusted.
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private static func trimmingFinalNewline(_ text: String) -> String {
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
