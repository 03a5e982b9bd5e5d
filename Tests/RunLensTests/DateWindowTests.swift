import Testing

@testable import RunLens

/// `--since` and `--until`: dates, times, and which run spans they keep.
struct DateWindowTests {
    static let may13 = 1_715_558_400.0
    static let day = 86_400.0

    @Test func aDateStartsAtMidnightAndEndsAtTheNextOne() {
        #expect(DateWindow.start("2024-05-13") == Self.may13)
        #expect(DateWindow.end("2024-05-13") == Self.may13 + Self.day)
        #expect(DateWindow.start("2024-05-13T09:30:00Z") == Self.may13 + 9.5 * 3600)
        #expect(DateWindow.end("2024-05-13T09:30:00Z") == Self.may13 + 9.5 * 3600)
        #expect(DateWindow.start("2024-05-13T09:30:00+02:00") == Self.may13 + 7.5 * 3600)
    }

    @Test(arguments: ["", "yesterday", "2024-5-13", "2024/05/13", "2024-13-01", "2024-05-13x"])
    func rejectsWhatIsNotAnISODate(_ text: String) {
        #expect(DateWindow.start(text) == nil)
    }

    @Test func keepsRunsWhoseSpanReachesIntoThePeriod() {
        let week = DateWindow(since: Self.may13, until: Self.may13 + 7 * Self.day)
        #expect(week.contains(first: Self.may13 - 3600, last: Self.may13 + 60))
        #expect(week.contains(first: Self.may13 + 6 * Self.day, last: Self.may13 + 8 * Self.day))
        #expect(!week.contains(first: Self.may13 - 7200, last: Self.may13 - 3600))
        #expect(!week.contains(first: Self.may13 + 7 * Self.day, last: Self.may13 + 8 * Self.day))
        #expect(!week.contains(first: nil, last: nil))
        #expect(DateWindow(since: nil, until: nil).contains(first: nil, last: nil))
    }
}
