import Foundation
import Testing

@testable import RunLens

struct WindowRowsTests {
    /// A window of the values 1, 2, 6 at steps 10–12, its last value then a NaN at step 12.
    static var full: WindowRow {
        var stats = StatRow()
        stats.count = 3
        stats.nonfinite = 1
        stats.mean = 3
        stats.std = 2.6457513110645907
        stats.min = 1
        stats.max = 6
        stats.p50 = 2
        stats.p95 = 5.6
        stats.p99 = 5.92
        stats.first = 1
        stats.last = .nan
        stats.ema = 4.5
        stats.quantilesExact = false
        return WindowRow(start: 10, end: 20, stats: stats)
    }

    /// A window that held only an infinity: every statistic of finite values is absent.
    static var empty: WindowRow {
        var stats = StatRow()
        stats.nonfinite = 1
        stats.first = .infinity
        stats.last = .infinity
        return WindowRow(start: -20, end: -10, stats: stats)
    }

    @Test func rowsComeBackAsTheyWentIn() {
        let rows = Array(WindowRows([Self.empty, Self.full]))
        #expect(rows.count == 2)
        #expect(rows[0] == Self.empty)
        let back = rows[1]
        #expect(back.stats.last?.isNaN == true)
        var expected = Self.full
        expected.stats.last = nil
        var compared = back
        compared.stats.last = nil
        #expect(compared == expected)
    }

    @Test func absentStatisticsStayAbsent() throws {
        let row = try #require(WindowRows([Self.empty]).first)
        #expect(row.stats.mean == nil && row.stats.p99 == nil && row.stats.ema == nil)
        #expect(row.stats.quantilesExact)
        #expect(row.stats.count == 0 && row.stats.nonfinite == 1)
    }

    @Test func encodesAsTheArrayOfRowsItHolds() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var finite = Self.empty
        finite.stats.first = 7
        finite.stats.last = 8
        let rows = [finite, finite]
        let compact = try encoder.encode(WindowRows(rows))
        #expect(compact == (try encoder.encode(rows)))
        #expect(try JSONDecoder().decode(WindowRows.self, from: compact) == WindowRows(rows))
    }
}
