import Foundation
import Testing

@testable import RunLens

struct InputOpenerTests {
    @Test(arguments: [
        ("metrics.jsonl", Compression.none),
        ("metrics.jsonl.zst", .zstd),
        ("metrics-skippable.zst", .zstd),
        ("metrics.jsonl.gz", .gzip),
    ])
    func detectsCompressionAndDeliversEveryByte(name: String, expected: Compression) throws {
        let original = try InputFixtures.bytes("metrics.jsonl")

        let opened = try InputOpener.openDetecting(path: InputFixtures.path(name))

        #expect(opened.compression == expected)
        #expect(try readAll(opened.stream) == original)
    }

    @Test func namesNeverDecideTheCompression() throws {
        let directory = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try InputFixtures.bytes("metrics.jsonl")
        let zstdAsJSON = try InputFixtures.write(
            InputFixtures.bytes("metrics.jsonl.zst"), to: "metrics.json", in: directory)
        let plainAsGzip = try InputFixtures.write(original, to: "metrics.gz", in: directory)
        let gzipAsZstd = try InputFixtures.write(
            InputFixtures.bytes("metrics.jsonl.gz"), to: "metrics.zst", in: directory)

        let zstd = try InputOpener.openDetecting(path: zstdAsJSON)
        let plain = try InputOpener.openDetecting(path: plainAsGzip)
        let gzip = try InputOpener.openDetecting(path: gzipAsZstd)

        #expect(zstd.compression == .zstd)
        #expect(plain.compression == .none)
        #expect(gzip.compression == .gzip)
        #expect(try readAll(zstd.stream) == original)
        #expect(try readAll(plain.stream) == original)
        #expect(try readAll(gzip.stream) == original)
    }

    @Test func filesShorterThanAMagicNumberArePlain() throws {
        let directory = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tiny = try InputFixtures.write(Array("{}".utf8), to: "tiny.zst", in: directory)
        let empty = try InputFixtures.write([], to: "empty.gz", in: directory)

        let tinyOpened = try InputOpener.openDetecting(path: tiny)
        let emptyOpened = try InputOpener.openDetecting(path: empty)

        #expect(tinyOpened.compression == .none)
        #expect(try readAll(tinyOpened.stream) == Array("{}".utf8))
        #expect(emptyOpened.compression == .none)
        #expect(try readAll(emptyOpened.stream).isEmpty)
    }

    @Test func missingFileIsNotFound() {
        #expect(throws: InputError(path: "/nonexistent/run.jsonl", kind: .notFound)) {
            _ = try InputOpener.open(path: "/nonexistent/run.jsonl")
        }
    }

    @Test func rotatedThreeMemberGzipCaseHas180Lines() throws {
        let path = BinaryRunner.fixture("cases/08-rotated-concatenated.jsonl.gz")
        try #require(FileManager.default.fileExists(atPath: path))

        let opened = try InputOpener.openDetecting(path: path)
        let lines = try chunkedLines(opened.stream)

        // `zcat 08-rotated-concatenated.jsonl.gz | wc -l` prints 180.
        #expect(opened.compression == .gzip)
        #expect(lines.count == 180)
        #expect(lines.last?.number == 180)
        #expect((opened.stream as? GzipByteStream)?.membersCompleted == 3)
        #expect(opened.stream.warnings.isEmpty)
    }

    @Test func detectron2ZstdMetricsHave77Lines() throws {
        let path = BinaryRunner.fixture(
            "corpus/detectron2-metrics-jsonl/gdp_objdetect_metrics.json.zst")
        try #require(FileManager.default.fileExists(atPath: path))

        let opened = try InputOpener.openDetecting(path: path)
        let lines = try chunkedLines(opened.stream, chunkSize: 4096)

        // `zstdcat gdp_objdetect_metrics.json.zst | wc -l` prints 77.
        #expect(opened.compression == .zstd)
        #expect(lines.count == 77)
        #expect(lines.allSatisfy { $0.text.hasPrefix("{") })
        #expect(opened.stream.warnings.isEmpty)
    }
}
