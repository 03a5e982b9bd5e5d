import CZstd

/// The decompressed bytes of a zstd stream: every frame in turn, skippable frames passed over.
///
/// Decoding writes straight into the caller's buffer; compressed bytes are read from the
/// source in 1 MiB blocks. Damage that leaves earlier data intact ends or continues the
/// stream with a warning instead of an error: a truncated last frame, a frame whose checksum
/// does not match (its bytes were already delivered), data after the last frame, or a
/// corrupt frame after some output.
public final class ZstdByteStream: ByteStream {
    /// The path named in errors.
    public let path: String
    /// Frames decoded to their end so far, skippable frames included.
    public private(set) var framesCompleted = 0

    private let source: ByteStream
    private let context: OpaquePointer
    private let input: UnsafeMutableRawBufferPointer
    private var inputStart = 0
    private var inputEnd = 0
    private var sourceEnded = false
    private var finished = false
    private var atFrameStart = true
    private var compressedOffset = 0
    private var frameStart = 0
    private var produced = 0
    private var firstLineEnd = FirstLineEnd()
    private var ownWarnings: [String] = []
    private var ownDamage: [String] = []
    private var mayHoldOutput = false
    private var warnedOfWindow = false

    /// Decodes `source`, naming `path` in errors.
    ///
    /// - Throws: `InputError.Kind.readFailed` when the decoder cannot be allocated.
    public init(source: ByteStream, path: String) throws(InputError) {
        guard let context = ZSTD_createDCtx() else {
            throw InputError(path: path, kind: .readFailed("cannot allocate a zstd decoder"))
        }
        self.source = source
        self.path = path
        self.context = context
        ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax, ZstdFrameWindow.maxLog)
        input = .allocate(byteCount: max(ZSTD_DStreamInSize(), 1 << 20), alignment: 16)
    }

    deinit {
        ZSTD_freeDCtx(context)
        input.deallocate()
    }

    /// The source's warnings, then this decoder's.
    public var warnings: [String] { source.warnings + ownWarnings }

    /// The source's damage, then this decoder's: every warning but a large window's.
    public var damage: [String] { source.damage + ownDamage }

    /// True after a truncated or corrupt frame stopped decoding.
    public private(set) var endedEarly = false

    /// Compressed bytes read from the source.
    public var bytesConsumed: Int { source.bytesConsumed }

    /// Decodes into `buffer` until it is full or the stream ends.
    ///
    /// - Throws: `InputError.Kind.corrupt` when the data is not zstd before any byte was
    ///   decoded; a read error of the source.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard !finished, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }

        var output = ZSTD_outBuffer(dst: base, size: buffer.count, pos: 0)
        while output.pos < output.size, !finished {
            if inputStart == inputEnd, !sourceEnded {
                try refill()
                continue
            }
            if atFrameStart {
                try checkFrameMagic(decodedNow: output.pos)
                continue
            }

            let wasEmpty = inputStart == inputEnd
            let result = decodeStep(into: &output)
            if ZSTD_isError(result) != 0 {
                firstLineEnd.note(UnsafeRawBufferPointer(start: base, count: output.pos))
                if ZSTD_getErrorCode(result) == ZSTD_error_checksum_wrong, try passChecksum() {
                    continue
                }
                try stop(on: result, decodedNow: output.pos)
                break
            }

            // With no input left, one call flushes what the decoder still holds.
            if wasEmpty, sourceEnded, output.pos < output.size {
                firstLineEnd.note(UnsafeRawBufferPointer(start: base, count: output.pos))
                finish(decodedNow: output.pos)
                break
            }
        }

        firstLineEnd.note(UnsafeRawBufferPointer(start: base, count: output.pos))
        produced += output.pos
        return output.pos
    }

    /// Either flushes what the decoder holds, with no new input, or decodes new input into
    /// the decoder's own buffer with no room for output.
    ///
    /// `ZSTD_decompressStream` does not say how many bytes it wrote in a call that fails, so
    /// a call that could fail (one given input) must write nothing: otherwise a bad checksum
    /// or a corrupt block would swallow the good bytes decoded before it, as many of them as
    /// the caller's buffer happened to hold.
    private func decodeStep(into output: inout ZSTD_outBuffer) -> Int {
        let flushing = mayHoldOutput || inputStart == inputEnd
        var chunk = ZSTD_inBuffer(
            src: UnsafeRawPointer(input.baseAddress).map { $0 + inputStart },
            size: flushing ? 0 : inputEnd - inputStart, pos: 0)
        let result: Int
        if flushing {
            result = ZSTD_decompressStream(context, &output, &chunk)
            mayHoldOutput = output.pos == output.size
        } else {
            var none = ZSTD_outBuffer(dst: output.dst, size: 0, pos: 0)
            result = ZSTD_decompressStream(context, &none, &chunk)
            mayHoldOutput = result != 0
        }

        inputStart += chunk.pos
        compressedOffset += chunk.pos
        if result == 0 {
            framesCompleted += 1
            frameStart = compressedOffset
            atFrameStart = true
        }
        return result
    }

    /// Goes on after a frame whose content did not match its checksum, as a gzip member
    /// whose CRC fails: the content was delivered before the checksum at its end could be
    /// checked, so it stays read, with a warning, and the next frame is decoded.
    ///
    /// zstd does not move past input in a call that fails, and a call that can fail reads at
    /// most one block, so the checksum's four bytes are the next ones. That is taken as so
    /// only when the stream ends after them or a frame starts there; otherwise decoding
    /// stops as for any damage.
    private func passChecksum() throws(InputError) -> Bool {
        if inputEnd - inputStart < 8, !sourceEnded { try refill() }
        guard let base = input.baseAddress else { return false }
        let after = inputStart + 4
        guard after <= inputEnd else { return false }
        let next = Array(
            UnsafeRawBufferPointer(start: base + after, count: min(4, inputEnd - after)))
        guard next.isEmpty || Compression.detect(next) == .zstd else { return false }

        noteDamage(
            "zstd frame at byte \(frameStart) failed its checksum; its lines were read but may "
                + "be damaged")
        ZSTD_DCtx_reset(context, ZSTD_reset_session_only)
        mayHoldOutput = false
        inputStart = after
        compressedOffset += 4
        framesCompleted += 1
        frameStart = compressedOffset
        atFrameStart = true
        return true
    }

    /// Lets the decoder start a frame only on a zstd or skippable-frame magic number, so
    /// that anything else after the last frame is told apart from a damaged frame.
    private func checkFrameMagic(decodedNow: Int) throws(InputError) {
        let available = inputEnd - inputStart
        if available < ZstdFrameWindow.maxHeaderBytes, !sourceEnded {
            try refill()
            return
        }
        if available == 0 {
            finished = true
            return
        }

        let prefix = Array(input[inputStart..<(inputStart + min(available, 4))])
        if Compression.detect(prefix) == .zstd {
            atFrameStart = false
            if prefix == Self.frameMagic { noteWindow(available) }
            return
        }
        finished = true
        if framesCompleted == 0, produced + decodedNow == 0 {
            throw InputError(path: path, kind: .corrupt("not a zstd stream"))
        }
        noteDamage(
            "ignored data after the last zstd frame, from byte \(frameStart): not a zstd frame")
    }

    /// The magic number of a zstd frame (not a skippable one), as bytes.
    private static let frameMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    /// Warns, once, of a frame whose window is larger than decoders keep by default: the
    /// memory it takes is the writer's choice (`zstd --long`), not the log's size.
    private func noteWindow(_ available: Int) {
        guard !warnedOfWindow, let base = input.baseAddress else { return }
        let header = UnsafeRawBufferPointer(start: base + inputStart, count: available)
        guard let window = ZstdFrameWindow.size(ofFrameAt: header),
            window > ZstdFrameWindow.defaultLimit
        else { return }

        warnedOfWindow = true
        ownWarnings.append(
            "the zstd frame at byte \(frameStart) keeps a "
                + "\(ZstdFrameWindow.words(window)) window (written with --long): decoding it can "
                + "take up to that much memory")
    }

    /// Fills the buffer after the unread input, which moves to the front.
    ///
    /// The buffer is filled whole (or to the end of the source), never with whatever one read
    /// gave: zstd streams a raw block out as its bytes arrive but checks a whole one first,
    /// so how a damaged frame's bytes are fed would decide how many of them come out, and a
    /// pipe feeding pieces of varying size would make the result vary from run to run.
    private func refill() throws(InputError) {
        guard let base = input.baseAddress else { return }
        let kept = inputEnd - inputStart
        if kept > 0 {
            base.copyMemory(from: base + inputStart, byteCount: kept)
        }

        inputStart = 0
        inputEnd = kept
        while inputEnd < input.count {
            let count = try source.read(
                into: UnsafeMutableRawBufferPointer(rebasing: input[inputEnd...]))
            if count == 0 {
                sourceEnded = true
                return
            }
            inputEnd += count
        }
    }

    private func finish(decodedNow: Int) {
        finished = true
        let cut = compressedOffset - frameStart
        guard cut > 0 else { return }

        endedEarly = true
        noteDamage(
            "truncated zstd stream: the last frame (at byte \(frameStart)) ended early after "
                + "\(cut) compressed bytes; "
                + Self.keptBeforeCut(produced + decodedNow, lineEnded: firstLineEnd.seen))
    }

    private func stop(on code: Int, decodedNow: Int) throws(InputError) {
        finished = true
        let reason = String(cString: ZSTD_getErrorName(code))
        if framesCompleted == 0, produced + decodedNow == 0 {
            throw InputError(path: path, kind: .corrupt("zstd: \(reason.lowercased())"))
        }
        endedEarly = true
        noteDamage(
            "corrupt zstd frame at byte \(frameStart): \(reason.lowercased()); "
                + Self.keptBeforeDamage(produced + decodedNow, lineEnded: firstLineEnd.seen))
    }

    /// Keeps `warning` among both the warnings and the damage.
    private func noteDamage(_ warning: String) {
        ownWarnings.append(warning)
        ownDamage.append(warning)
    }
}
