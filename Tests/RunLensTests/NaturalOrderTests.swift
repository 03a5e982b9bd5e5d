import Foundation
import Testing

@testable import RunLens

struct NaturalOrderTests {
    /// Sorted by hand: capitals before small letters (byte order outside digits), a prefix
    /// first, digit runs by value, equal values by bytes (`run01` before `run1`).
    @Test func digitRunsCompareByValue() {
        let names = [
            "version_10", "run1", "rank10", "a00", "B", "rank2", "version_9", "a", "run01",
            "rank1", "a0",
        ]

        #expect(
            names.sorted(by: NaturalOrder.precedes) == [
                "B", "a", "a0", "a00", "rank1", "rank2", "rank10", "run01", "run1", "version_9",
                "version_10",
            ])
    }

    @Test func longNumbersCompareByLengthThenDigits() {
        #expect(NaturalOrder.precedes("step99999999999999999999", "step100000000000000000000"))
        #expect(NaturalOrder.precedes("x123456789012345678901", "x123456789012345678902"))
        #expect(!NaturalOrder.precedes("same", "same"))
    }

    /// A folder of twelve launches is read from the first to the last, so each resumes the
    /// one before it.
    @Test func aFolderIsWalkedInNaturalOrder() throws {
        let root = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for index in [10, 2, 0, 11, 1, 9] {
            _ = try InputFixtures.write([0x7B, 0x7D], to: "version_\(index).jsonl", in: root)
        }

        let result = try InputDiscovery.discover([root.path])

        #expect(
            result.files.map { URL(fileURLWithPath: $0).lastPathComponent } == [
                "version_0.jsonl", "version_1.jsonl", "version_2.jsonl", "version_9.jsonl",
                "version_10.jsonl", "version_11.jsonl",
            ])
    }
}
