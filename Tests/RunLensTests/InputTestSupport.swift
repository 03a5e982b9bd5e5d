import Foundation

@testable import RunLens

/// A stream over bytes in memory that hands them out at most `piece` bytes per read, as a
/// pipe would.
final class MemoryByteStream: ByteStream {
    private let data: [UInt8]
    private let piece: Int
    private var offset = 0

    init(_ data: [UInt8], piece: Int = .max) {
        self.data = data
        self.piece = piece
    }

    convenience init(_ text: String, piece: Int = .max) {
        self.init(Array(text.utf8), piece: piece)
    }

    var warnings: [String] { [] }
    var bytesConsumed: Int { offset }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let count = min(buffer.count, piece, data.count - offset)
        data.withUnsafeBytes { raw in
            buffer.copyMemory(
                from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)]))
        }
        offset += count
        return count
    }
}

/// Fixtures and scratch files for the input tests.
enum InputFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/input")

    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The lines of `metrics.jsonl`, split here with Foundation, without their `\n`.
    static func metricsLines() throws -> [String] {
        let text = String(decoding: try bytes("metrics.jsonl"), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(
            String.init)
    }

    /// A fresh directory under the system's temporary directory.
    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("runlens-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `bytes` to `name` in `directory`; returns the path.
    @discardableResult
    static func write(_ bytes: [UInt8], to name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }
}

/// Reads `stream` to its end through `buffer`-sized reads.
func readAll(_ stream: ByteStream, buffer size: Int = 1 << 16) throws -> [UInt8] {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: size)
    while true {
        let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
        if count == 0 {
            return result
        }
        result.append(contentsOf: buffer[..<count])
    }
}

/// Every line the chunker delivers, as `(number, text)`; an oversized line as its length.
func chunkedLines(_ stream: ByteStream, chunkSize: Int = 1 << 20, maxLineBytes: Int = 64 << 20)
    throws -> [(number: Int, text: String)]
{
    let chunker = LineChunker(stream: stream, chunkSize: chunkSize, maxLineBytes: maxLineBytes)
    var lines: [(number: Int, text: String)] = []
    while let chunk = try chunker.next() {
        if let length = chunk.oversizedLineLength {
            lines.append((chunk.firstLineNumber, "<oversized \(length)>"))
        }
        chunk.forEachLine { line, number in
            lines.append((number, String(decoding: line, as: UTF8.self)))
        }
    }
    return lines
}
