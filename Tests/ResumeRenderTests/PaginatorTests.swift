import Testing
@testable import ResumeRender

@Suite struct PaginatorTests {
    private let paginator = Paginator(pageHeight: 100)

    private func item(_ lines: Int, height: Double = 10, space: Double = 0, keep: Bool = false, padding: Double = 0) -> Paginator.Item {
        Paginator.Item(spaceBefore: space, lineHeights: Array(repeating: height, count: lines), paddingBelow: padding, keepWithNext: keep)
    }

    @Test func linesNeverCrossThePageBottom() {
        let items = (0..<40).map { item($0 % 7 + 1, height: Double($0 % 3 + 9), space: 3) }
        let placements = paginator.paginate(items)
        for placement in placements {
            let height = items[placement.item].lineHeights[placement.line]
            #expect(placement.y + height <= paginator.pageHeight)
        }
        #expect(placements.count == items.reduce(0) { $0 + $1.lineHeights.count })
    }

    @Test func headingKeepsWithFirstLineOfNextItem() {
        // 9 lines fill 90; a heading (10) would fit, but not with the line after it.
        let items = [item(9), item(1, keep: true), item(2)]
        let placements = paginator.paginate(items)
        let heading = placements.first { $0.item == 1 }
        #expect(heading?.page == 1 && heading?.y == 0)
        #expect(placements.filter { $0.item == 2 }.allSatisfy { $0.page == 1 })
    }

    @Test func chainOfKeepItemsMovesTogether() {
        // Section heading, entry heading, dates line, then a bullet.
        let items = [item(7), item(1, keep: true), item(1, keep: true), item(1, keep: true), item(1)]
        let placements = paginator.paginate(items)
        #expect(placements.filter { $0.item >= 1 }.allSatisfy { $0.page == 1 })
        #expect(placements.filter { $0.item == 0 }.allSatisfy { $0.page == 0 })
    }

    @Test func shortItemsAreNotSplit() {
        let items = [item(8), item(3)]
        let placements = paginator.paginate(items)
        #expect(placements.filter { $0.item == 1 }.allSatisfy { $0.page == 1 })
    }

    @Test func longItemsLeaveNoOrphanOrWidow() {
        for filler in 1...9 {
            let items = [item(filler), item(6)]
            let lines = paginator.paginate(items).filter { $0.item == 1 }
            let pages = Dictionary(grouping: lines, by: \.page)
            for (_, onPage) in pages {
                #expect(onPage.count >= 2, "filler \(filler)")
            }
        }
    }

    @Test func spaceBeforeIsDroppedAtTopOfPage() {
        let items = [item(10), item(1, space: 8)]
        let placements = paginator.paginate(items)
        #expect(placements.last == Paginator.Placement(item: 1, line: 0, page: 1, y: 0))
    }

    @Test func oversizedKeepGroupFallsBackToNormalFlow() {
        let items = [item(2), item(12, keep: true), item(1)]
        let placements = paginator.paginate(items)
        #expect(placements.count == 15)
        #expect(Paginator.pageCount(placements) >= 2)
    }

    @Test func emptyInputIsOnePage() {
        #expect(Paginator.pageCount(paginator.paginate([])) == 1)
    }
}
