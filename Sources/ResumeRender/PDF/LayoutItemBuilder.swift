/// Flattens the block model into ``LayoutItem``s with the theme's styles and
/// the spacing and keep-with-next rules of a resume.
struct LayoutItemBuilder {
    let theme: PDFTheme

    func items(for document: ResumeDocument) -> [LayoutItem] {
        var items: [LayoutItem] = []
        let roles = BlockRole.roles(for: document.blocks)
        for (block, role) in zip(document.blocks, roles) {
            appendTopLevel(block, role: role, to: &items)
        }
        return items
    }

    // MARK: Top level

    private func appendTopLevel(_ block: Block, role: BlockRole, to items: inout [LayoutItem]) {
        switch (block, role) {
        case (.heading(_, let content), .name):
            items.append(nameItem(content))
        case (.heading(_, let content), .section):
            items.append(sectionItem(content))
        case (.heading(_, let content), .entry(let level)):
            items.append(entryItem(content, level: level, afterSection: isSection(items.last)))
        case (.paragraph(let content), .contact):
            items.append(contactItem(content))
        case (.paragraph(let content), .entryMeta):
            items.append(metaItem(content))
        default:
            append(block, depth: 0, to: &items)
        }
    }

    private func nameItem(_ content: [Inline]) -> LayoutItem {
        LayoutItem(
            markup: PangoMarkupWriter.markup(content, theme: theme),
            style: .init(family: theme.fontFamily, size: theme.nameSize, bold: true, color: theme.textColor, alignment: .center),
            paddingBelow: 2,
            keepWithNext: true
        )
    }

    private func contactItem(_ content: [Inline]) -> LayoutItem {
        LayoutItem(
            markup: PangoMarkupWriter.markup(content, theme: theme),
            style: .init(family: theme.fontFamily, size: theme.contactSize, color: theme.mutedColor, alignment: .center),
            spaceBefore: 2
        )
    }

    private func sectionItem(_ content: [Inline]) -> LayoutItem {
        LayoutItem(
            markup: PangoMarkupWriter.markup(content, theme: theme),
            style: .init(family: theme.fontFamily, size: theme.sectionSize, bold: true, color: theme.accentColor),
            spaceBefore: theme.sectionSpaceBefore,
            paddingBelow: theme.sectionPaddingBelow,
            keepWithNext: true,
            ruleBelow: true
        )
    }

    private func entryItem(_ content: [Inline], level: Int, afterSection: Bool) -> LayoutItem {
        let size = level == 3 ? theme.entrySize : theme.bodySize
        return LayoutItem(
            markup: PangoMarkupWriter.markup(content, theme: theme),
            style: .init(family: theme.fontFamily, size: size, bold: true, color: theme.textColor),
            spaceBefore: afterSection ? 0 : theme.entrySpaceBefore,
            keepWithNext: true
        )
    }

    /// The `Location | Dates` line stays with the entry's first bullet.
    private func metaItem(_ content: [Inline]) -> LayoutItem {
        LayoutItem(
            markup: PangoMarkupWriter.markup(content, theme: theme),
            style: .init(family: theme.fontFamily, size: theme.bodySize, color: theme.mutedColor),
            spaceBefore: theme.metaSpaceBefore,
            keepWithNext: true
        )
    }

    private func isSection(_ item: LayoutItem?) -> Bool {
        item?.ruleBelow == true
    }

    // MARK: Body blocks (any depth)

    private func append(_ block: Block, depth: Int, to items: inout [LayoutItem]) {
        let indent = Double(depth) * theme.nestedIndent
        switch block {
        case .heading(_, let content):
            var item = entryItem(content, level: 4, afterSection: false)
            item.indent = indent
            items.append(item)
        case .paragraph(let content):
            items.append(paragraphItem(PangoMarkupWriter.markup(content, theme: theme), indent: indent))
        case .list(let list):
            appendList(list, depth: depth, to: &items)
        case .code(let text):
            items.append(codeItem(text, indent: indent))
        case .quote(let blocks):
            // Quoted text reads as secondary: indented and muted.
            let start = items.count
            for child in blocks { append(child, depth: depth + 1, to: &items) }
            for index in start..<items.count where !items[index].isRuleOnly {
                items[index].style.color = theme.mutedColor
            }
        case .rule:
            items.append(ruleItem(indent: indent))
        }
    }

    private func appendList(_ list: ListBlock, depth: Int, to items: inout [LayoutItem]) {
        let textIndent = Double(depth) * theme.nestedIndent + theme.bulletHang
        for (index, item) in list.items.enumerated() {
            let marker = list.ordered ? "\(list.start + index)." : bulletGlyph(depth: depth)
            appendListItem(item, marker: marker, indent: textIndent, depth: depth, to: &items)
        }
    }

    private func appendListItem(_ item: ListItem, marker: String, indent: Double, depth: Int, to items: inout [LayoutItem]) {
        var markerPending = true
        for block in item.blocks {
            if markerPending, case .paragraph(let content) = block {
                var paragraph = paragraphItem(PangoMarkupWriter.markup(content, theme: theme), indent: indent)
                paragraph.marker = marker
                paragraph.spaceBefore = theme.listItemSpaceBefore
                items.append(paragraph)
            } else {
                let first = items.count
                if case .list(let nested) = block {
                    appendList(nested, depth: depth + 1, to: &items)
                } else {
                    append(block, depth: depth + 1, to: &items)
                }
                // An item that opens with a nested list or code block still
                // shows its own bullet, on the first line drawn for it.
                if markerPending, first < items.count, items[first].marker == nil {
                    items[first].marker = marker
                }
            }
            markerPending = false
        }
        if markerPending {
            // An empty item (`-` alone) still shows its bullet.
            var empty = paragraphItem("", indent: indent)
            empty.marker = marker
            items.append(empty)
        }
    }

    private func bulletGlyph(depth: Int) -> String {
        depth == 0 ? "•" : (depth == 1 ? "◦" : "▪")
    }

    private func paragraphItem(_ markup: String, indent: Double) -> LayoutItem {
        LayoutItem(
            markup: markup,
            style: .init(family: theme.fontFamily, size: theme.bodySize, color: theme.textColor),
            indent: indent,
            spaceBefore: theme.paragraphSpaceBefore
        )
    }

    private func codeItem(_ text: String, indent: Double) -> LayoutItem {
        LayoutItem(
            markup: PangoMarkupWriter.markup(text: text),
            style: .init(family: theme.monospaceFamily, size: theme.codeSize, color: theme.textColor),
            indent: indent,
            spaceBefore: theme.paragraphSpaceBefore
        )
    }

    private func ruleItem(indent: Double) -> LayoutItem {
        LayoutItem(
            markup: "",
            style: .init(family: theme.fontFamily, size: theme.bodySize, color: theme.ruleColor),
            indent: indent,
            spaceBefore: theme.paragraphSpaceBefore,
            isRuleOnly: true
        )
    }
}
