import CZlib

/// The decompressed bytes of a gzip stream: every member in turn, as `cat a.gz b.gz` makes.
///
/// Decoding writes straight into the caller's buffer; compressed bytes are read from the
/// source in 1 MiB blocks. Damage that leaves earlier data intact ends or continues the
/// stream with a warning instead of an error: a truncated last member, a member whose CRC
/// or length does not match (its bytes were already delivered), data after the last member,
/// or a corrupt member after some output.
public final class GzipByteStream: ByteStream {
    /// The path named in errors.
    public let path: String
    /// Members decoded to their end so far, those with a bad check included.
    public private(set) var membersCompleted = 0

    private let source: ByteStream
    private let zstream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var sourceEnded = false
    private var finished = false
    private var betweenMembers = false
    private var trailerBytesToSkip = 0
    private var compressedOffset = 0
    private var memberStart = 0
    private var produced = 0
    private var firstLineEnd = FirstLineEnd()
    private var ownWarnings: [String] = []
    private var ownDamage: [String] = []

    /// Decodes `source`, naming `path` in errors.
    ///
    /// - Throws: `InputError.Kind.readFailed` when zlib cannot be set up.
    public init(source: ByteStream, path: String) throws(InputError) {
        let zstream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        zstream.initialize(to: z_stream())

        // 15 window bits, +16 to accept only the gzip wrapper.
        let status = inflateInit2_(
            zstream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            zstream.deallocate()
            throw InputError(path: path, kind: .readFailed("cannot set up zlib (\(status))"))
        }

        self.source = source
        self.path = path
        self.zstream = zstream
        input = .allocate(byteCount: 1 << 20, alignment: 16)
    }

    deinit {
        inflateEnd(zstream)
        zstream.deallocate()
        input.deallocate()
    }

    /// The source's warnings, then this decoder's.
    public var warnings: [String] { source.warnings + ownWarnings }

    /// The source's damage, then this decoder's: every warning but a large window's.
    public var damage: [String] { source.damage + ownDamage }

    /// True after a truncated or corrupt member stopped decoding.
    public private(set) var endedEarly = false

    /// Compressed bytes read from the source.
    public var bytesConsumed: Int { source.bytesConsumed }

    /// Decodes into `buffer` until it is full or the stream ends.
    ///
    /// - Throws: `InputError.Kind.corrupt` when the first member is bad before any byte was
    ///   decoded; a read error of the source.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard !finished, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }

        var written = 0
        while written < buffer.count, !finished {
            if zstream.pointee.avail_in == 0, !sourceEnded {
                try refill(keeping: 0)
                continue
            }
            if trailerBytesToSkip > 0 {
                skipTrailerBytes()
                continue
            }
            if betweenMembers {
                try startNextMember()
                continue
            }
            written += try inflateStep(into: base + written, count: buffer.count - written)
        }

        return written
    }

    /// Runs `inflate` once; returns the bytes it wrote.
    private func inflateStep(into out: UnsafeMutableRawPointer, count: Int) throws(InputError)
        -> Int
    {
        let space = UInt32(clamping: count)
        let availableBefore = zstream.pointee.avail_in
        zstream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
        zstream.pointee.avail_out = space

        let status = inflate(zstream, Z_NO_FLUSH)
        let written = Int(space - zstream.pointee.avail_out)
        compressedOffset += Int(availableBefore - zstream.pointee.avail_in)
        produced += written
        firstLineEnd.note(UnsafeRawBufferPointer(start: out, count: written))

        switch status {
        case Z_STREAM_END:
            endMember()
        case Z_OK, Z_BUF_ERROR:
            if zstream.pointee.avail_in == 0, sourceEnded, zstream.pointee.avail_out > 0 {
                reportTruncation()
            }
        case Z_DATA_ERROR:
            try handleDataError()
        default:
            finished = true
            throw InputError(path: path, kind: .readFailed("zlib failed (\(status))"))
        }
        return written
    }

    private func endMember() {
        membersCompleted += 1
        betweenMembers = true
    }

    /// Starts the next member if the next bytes are a gzip header; anything else is trailing
    /// garbage, and no bytes at all is the clean end.
    private func startNextMember() throws(InputError) {
        if zstream.pointee.avail_in < 2, !sourceEnded {
            try refill(keeping: Int(zstream.pointee.avail_in))
            return
        }
        guard zstream.pointee.avail_in > 0, let next = zstream.pointee.next_in else {
            finished = true
            return
        }

        guard zstream.pointee.avail_in >= 2, next[0] == 0x1F, next[1] == 0x8B else {
            finished = true
            noteDamage(
                "ignored data after the last gzip member, from byte \(compressedOffset): "
                    + "not a gzip member")
            return
        }
        inflateReset(zstream)
        betweenMembers = false
        memberStart = compressedOffset
    }

    private func handleDataError() throws(InputError) {
        let reason = zstream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
        let member = membersCompleted + 1

        // The check fails after the member's bytes were delivered, so later members can
        // still be read. A data check leaves the 4-byte length of the trailer unread.
        if reason == "incorrect data check" || reason == "incorrect length check" {
            let what = reason == "incorrect data check" ? "CRC" : "length"
            noteDamage(
                "gzip member \(member) (at byte \(memberStart)) failed its \(what) check; "
                    + "its lines were read but may be damaged")
            trailerBytesToSkip = what == "CRC" ? 4 : 0
            endMember()
            return
        }

        finished = true
        if member == 1, produced == 0 {
            throw InputError(path: path, kind: .corrupt("gzip: \(reason)"))
        }
        endedEarly = true
        noteDamage(
            "corrupt gzip member \(member) at byte \(memberStart): \(reason); "
                + Self.keptBeforeDamage(produced, lineEnded: firstLineEnd.seen))
    }

    private func reportTruncation() {
        finished = true
        guard compressedOffset > 0 else { return }

        let cut = compressedOffset - memberStart
        endedEarly = true
        noteDamage(
            "truncated gzip stream: member \(membersCompleted + 1) (at byte \(memberStart)) "
                + "ended early after \(cut) compressed bytes; "
                + Self.keptBeforeCut(produced, lineEnded: firstLineEnd.seen))
    }

    private func skipTrailerBytes() {
        guard zstream.pointee.avail_in > 0 else {
            trailerBytesToSkip = 0
            return
        }
        let skipped = min(trailerBytesToSkip, Int(zstream.pointee.avail_in))
        zstream.pointee.next_in += skipped
        zstream.pointee.avail_in -= UInt32(skipped)
        compressedOffset += skipped
        trailerBytesToSkip -= skipped
    }

    /// Reads the next block, first moving the `kept` unread bytes to the front.
    private func refill(keeping kept: Int) throws(InputError) {
        guard let base = input.baseAddress else { return }
        if kept > 0, let next = zstream.pointee.next_in {
            base.copyMemory(from: next, byteCount: kept)
        }

        let count = try source.read(
            into: UnsafeMutableRawBufferPointer(rebasing: input[kept...]))
        sourceEnded = count == 0
        zstream.pointee.next_in = base.assumingMemoryBound(to: Bytef.self)
        zstream.pointee.avail_in = UInt32(kept + count)
    }

    /// Keeps `warning` among both the warnings and the damage.
    private func noteDamage(_ warning: String) {
        ownWarnings.append(warning)
        ownDamage.append(warning)
    }
}
