import Foundation

/// Files under `fixtures/` at the root of the package, found from this source file's path.
enum CorpusFixture {
    /// The `fixtures` folder.
    static func root(file: String = #filePath) -> URL {
        URL(fileURLWithPath: file)
            .deletingLastPathComponent()  // Support
            .deletingLastPathComponent()  // RunLensTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("fixtures")
    }

    /// The bytes of `fixtures/<path>`.
    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root().appendingPathComponent(path)))
    }

    /// The lines of `bytes` without their `\n`, as a line splitter hands them on: a last
    /// line without a terminator is a line, the empty piece after a final `\n` is not.
    static func lines(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(start..<index)
            start = index + 1
        }

        if start < bytes.count {
            lines.append(start..<bytes.count)
        }
        return lines
    }
}
