/// What a top-level block means in a resume, so every format styles the same
/// thing the same way: the name, the contact line under it, section headings,
/// entry headings (`### Title — Employer`) and the dates line under an entry.
enum BlockRole: Sendable, Equatable {
    case name
    case contact
    case section
    case entry(level: Int)
    case entryMeta
    case body

    /// A dates/location line is short; anything longer is ordinary text.
    static let maxEntryMetaLength = 140

    /// Roles for `blocks`, index for index. Nested blocks (inside lists and
    /// quotes) are always `.body`, so only top-level blocks are classified.
    static func roles(for blocks: [Block]) -> [BlockRole] {
        var roles: [BlockRole] = []
        roles.reserveCapacity(blocks.count)
        var previous: BlockRole?
        for block in blocks {
            let role = role(of: block, after: previous)
            roles.append(role)
            previous = role
        }
        return roles
    }

    private static func role(of block: Block, after previous: BlockRole?) -> BlockRole {
        switch block {
        case .heading(1, _):
            return .name
        case .heading(2, _):
            return .section
        case .heading(let level, _):
            return .entry(level: level)
        case .paragraph(let content):
            return paragraphRole(content, after: previous)
        default:
            return .body
        }
    }

    private static func paragraphRole(_ content: [Inline], after previous: BlockRole?) -> BlockRole {
        switch previous {
        case .name?, .contact?:
            return .contact
        case .entry?:
            let text = content.plainText
            let isOneShortLine = !text.contains("\n") && text.count <= maxEntryMetaLength
            return isOneShortLine ? .entryMeta : .body
        default:
            return .body
        }
    }
}
