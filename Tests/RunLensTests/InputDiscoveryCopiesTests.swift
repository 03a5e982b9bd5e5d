import Foundation
import Testing

@testable import RunLens

/// A log beside its own compressed copy used to be read twice, every record counted again.
struct InputDiscoveryCopiesTests {
    /// A scratch folder holding `metrics.jsonl` (6,000 lines) and the copies `names` of
    /// fixtures (made by gzip and zstd); returns its path.
    private func folder(_ copies: [(fixture: String, name: String)]) throws -> String {
        let root = try InputFixtures.scratchDirectory()
        for copy in copies {
            try InputFixtures.write(try InputFixtures.bytes(copy.fixture), to: copy.name, in: root)
        }
        return root.path
    }

    @Test func aLogBesideItsGzipAndZstdCopiesIsListedOnce() throws {
        let run = try folder([
            ("metrics.jsonl", "train.jsonl"), ("metrics.jsonl.gz", "train.jsonl.gz"),
            ("metrics-skippable.zst", "train.jsonl.zst"),
        ])
        defer { try? FileManager.default.removeItem(atPath: run) }

        let result = try InputDiscovery.discover([run])

        #expect(result.files == ["\(run)/train.jsonl"])
        #expect(
            result.notes.map(\.description) == [
                "skipped '\(run)/train.jsonl.gz': the same log as '\(run)/train.jsonl'",
                "skipped '\(run)/train.jsonl.zst': the same log as '\(run)/train.jsonl'",
            ])
    }

    @Test func theFirstNamedIsKeptWhicheverIsCompressed() throws {
        let run = try folder([
            ("metrics.jsonl", "train.jsonl"), ("metrics.jsonl.zst", "train.jsonl.zst"),
        ])
        defer { try? FileManager.default.removeItem(atPath: run) }

        let result = try InputDiscovery.discover(["\(run)/train.jsonl.zst", "\(run)/train.jsonl"])

        #expect(result.files == ["\(run)/train.jsonl.zst"])
        #expect(
            result.notes.map(\.description) == [
                "skipped '\(run)/train.jsonl': the same log as '\(run)/train.jsonl.zst'"
            ])
    }

    @Test func anOlderShorterCopyIsStillRead() throws {
        let run = try folder([("metrics.jsonl.gz", "train.jsonl.gz")])
        defer { try? FileManager.default.removeItem(atPath: run) }
        let lines = try InputFixtures.metricsLines()
        let longer = lines + ["{\"step\": 6001, \"loss\": 1.5, \"lr\": 0.0003, \"tag\": \"x\"}"]
        let shorter = lines.prefix(5999)
        for (name, kept) in [("train.jsonl", longer), ("train.jsonl", Array(shorter))] {
            let text = kept.joined(separator: "\n") + "\n"
            try InputFixtures.write(Array(text.utf8), to: name, in: URL(fileURLWithPath: run))

            let result = try InputDiscovery.discover([run])

            #expect(result.files == ["\(run)/train.jsonl", "\(run)/train.jsonl.gz"])
            #expect(result.notes.isEmpty)
        }
    }

    @Test func onlyNamesThatDifferByACompressionSuffixAreCompared() throws {
        let run = try folder([
            ("metrics.jsonl", "train.jsonl"), ("metrics.jsonl.gz", "other.jsonl.gz"),
            ("metrics.jsonl", "train.jsonl.bak"),
        ])
        defer { try? FileManager.default.removeItem(atPath: run) }

        let result = try InputDiscovery.discover([run])

        #expect(
            result.files == [
                "\(run)/other.jsonl.gz", "\(run)/train.jsonl", "\(run)/train.jsonl.bak",
            ])
        #expect(result.notes.isEmpty)
    }

    @Test func aCopyCutShortIsKeptForItsWarning() throws {
        let run = try folder([("metrics.jsonl", "train.jsonl")])
        defer { try? FileManager.default.removeItem(atPath: run) }
        let gzip = try InputFixtures.bytes("metrics.jsonl.gz")
        // The whole member but its 8-byte trailer (CRC and size): the lines all decode.
        try InputFixtures.write(
            Array(gzip.dropLast(8)), to: "train.jsonl.gz", in: URL(fileURLWithPath: run))

        let result = try InputDiscovery.discover([run])

        #expect(result.files == ["\(run)/train.jsonl", "\(run)/train.jsonl.gz"])
    }
}
