@testable import RunLens

#if canImport(Glibc)
    import Glibc
#endif

/// A stream over fuzz input that hands out at most `piece` bytes per read, as a pipe would.
final class FuzzByteStream: ByteStream {
    private let data: UnsafeRawBufferPointer
    private let piece: Int
    private var offset = 0

    init(_ data: UnsafeRawBufferPointer, piece: Int = .max) {
        self.data = data
        self.piece = max(1, piece)
    }

    var warnings: [String] { [] }
    var bytesConsumed: Int { offset }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let count = min(buffer.count, piece, data.count - offset)
        guard count > 0, let target = buffer.baseAddress, let source = data.baseAddress else {
            return 0
        }
        target.copyMemory(from: source + offset, byteCount: count)
        offset += count
        return count
    }
}

/// A visitor that reads every byte it is given, so the sanitizer sees a bad pointer, and
/// folds the leaves into a hash so two readings can be compared.
struct TouchingVisitor: JSONDocumentVisitor, Equatable {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var leaves = 0
    var entries = 0
    var openEntries = 0

    mutating func visitNumber(key: UnsafeRawBufferPointer, index: Int?, value: Double) {
        mix(key, 1)
        mix(UInt64(truncatingIfNeeded: index ?? -1))
        mix(value.isNaN ? 0x7FF8_0000_0000_0000 : value.bitPattern)
    }

    mutating func visitString(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        mix(key, 2)
        mix(value, 3)
    }

    mutating func visitBool(key: UnsafeRawBufferPointer, value: Bool) {
        mix(key, value ? 4 : 5)
    }

    mutating func visitNull(key: UnsafeRawBufferPointer) {
        mix(key, 6)
    }

    mutating func beginEntry(_ entry: JSONDocumentEntry, line: Int) {
        fuzzCheck(openEntries == 0, "entry begun inside another entry")
        fuzzCheck(line >= 1, "entry on line \(line)")
        openEntries += 1
        entries += 1
        mix(UInt64(line) << 1 | (entry == .record ? 1 : 0))
    }

    mutating func endEntry() {
        fuzzCheck(openEntries == 1, "entry ended twice")
        openEntries -= 1
    }

    private mutating func mix(_ bytes: UnsafeRawBufferPointer, _ tag: UInt64) {
        leaves += tag == 3 ? 0 : 1
        mix(tag)
        for byte in bytes { mix(UInt64(byte)) }
        mix(UInt64(bytes.count))
    }

    private mutating func mix(_ bits: UInt64) {
        hash = (hash ^ bits) &* 0x100_0000_01b3
    }
}

/// Stops the run, so libFuzzer keeps the input, when `condition` is false.
func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    fputs("fuzz check failed: \(message())\n", stderr)
    abort()
}

/// Splits `data` on `\n`, as the line chunker does (a final empty piece is not a line).
func fuzzLines(_ data: UnsafeRawBufferPointer) -> [UnsafeRawBufferPointer] {
    var lines: [UnsafeRawBufferPointer] = []
    var start = 0
    for index in 0..<data.count where data[index] == 0x0A {
        lines.append(UnsafeRawBufferPointer(rebasing: data[start..<index]))
        start = index + 1
    }
    if start < data.count {
        lines.append(UnsafeRawBufferPointer(rebasing: data[start...]))
    }
    return lines
}

/// What reading a whole stream gave.
struct Decoded: Equatable {
    var bytes: [UInt8] = []
    var warnings: [String] = []
    var error: InputError?
    /// True when reading stopped at `cap` bytes rather than at the end.
    var capped = false
}

/// Reads everything a decoder made over `data` gives, `piece` compressed bytes at a time
/// and with read buffers cycling through `readSizes`, stopping after `cap` bytes.
func decodeAll(
    _ data: UnsafeRawBufferPointer, piece: Int, readSizes: [Int], cap: Int,
    decoder: (ByteStream) throws(InputError) -> ByteStream
) -> Decoded {
    var decoded = Decoded()
    let buffer = UnsafeMutableRawBufferPointer.allocate(
        byteCount: readSizes.max() ?? 1, alignment: 16)
    defer { buffer.deallocate() }

    do throws(InputError) {
        let stream = try decoder(FuzzByteStream(data, piece: piece))
        var turn = 0
        while true {
            let size = readSizes[turn % readSizes.count]
            turn += 1
            let count = try stream.read(
                into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<size]))
            fuzzCheck(count >= 0 && count <= size, "read \(count) bytes into \(size)")
            if count == 0 { break }
            decoded.bytes.append(contentsOf: buffer[..<count])
            if decoded.bytes.count >= cap {
                decoded.capped = true
                return decoded
            }
        }
        fuzzCheck(try stream.read(into: buffer) == 0, "bytes after the end")
        decoded.warnings = stream.warnings
    } catch {
        decoded.error = error
    }
    return decoded
}

/// Decodes `data` twice, in one large piece and in small uneven ones, and checks that the
/// bytes, the warnings and the error do not depend on how the data was cut.
func checkDecoderIsCutIndependent(
    _ data: UnsafeRawBufferPointer, decoder: (ByteStream) throws(InputError) -> ByteStream
) {
    let cap = 4 << 20
    let whole = decodeAll(data, piece: .max, readSizes: [1 << 16], cap: cap, decoder: decoder)
    let piece = 1 + data.count % 13
    let cut = decodeAll(
        data, piece: piece, readSizes: [1, 4099, 7, 1 << 16, 300], cap: cap, decoder: decoder)
    if whole.capped || cut.capped {
        let common = min(whole.bytes.count, cut.bytes.count)
        fuzzCheck(whole.bytes.prefix(common) == cut.bytes.prefix(common), "decoded bytes differ")
        return
    }
    fuzzCheck(
        whole.bytes == cut.bytes, "decoded bytes differ: \(whole.bytes.count) vs \(cut.bytes.count)"
    )
    fuzzCheck(
        whole.warnings == cut.warnings, "warnings differ: \(whole.warnings) vs \(cut.warnings)")
    fuzzCheck(
        whole.error == cut.error,
        "errors differ: \(String(describing: whole.error)) vs \(String(describing: cut.error))")
}
