/// Spans of a JSON document replaced by valid stand-ins, so that an object holding values
/// that are not valid JSON can still be read whole: a bad value becomes `null`, an array
/// holding bad entries `[]`.
///
/// The copy is made only for the rare document that needs it; offsets in the copy map back
/// to the document, so that a failure found in the copy is named where it is in the file.
struct DocumentPatches {
    private struct Patch {
        var span: Range<Int>
        var replacement: [UInt8]
    }

    private var patches: [Patch] = []

    /// Whether no span is replaced.
    var isEmpty: Bool { patches.isEmpty }

    /// Replaces `span`, which follows every span replaced so far, with `replacement`.
    mutating func replace(_ span: Range<Int>, with replacement: String) {
        patches.append(Patch(span: span, replacement: Array(replacement.utf8)))
    }

    /// Forgets every replacement.
    mutating func removeAll() {
        patches.removeAll()
    }

    /// The bytes `start..<end` of `text`, with the replacements made.
    func copy(_ text: UnsafePointer<UInt8>, from start: Int, to end: Int) -> [UInt8] {
        var copy: [UInt8] = []
        var from = start
        for patch in patches {
            copy.append(
                contentsOf: UnsafeBufferPointer(
                    start: text + from, count: patch.span.lowerBound - from))
            copy.append(contentsOf: patch.replacement)
            from = patch.span.upperBound
        }
        copy.append(contentsOf: UnsafeBufferPointer(start: text + from, count: end - from))
        return copy
    }

    /// The document offset of `offset` in a copy made from `start`: the start of a
    /// replaced span for an offset inside its stand-in.
    func documentOffset(of offset: Int, from start: Int) -> Int {
        var copied = 0
        var from = start
        for patch in patches {
            let kept = patch.span.lowerBound - from
            if offset < copied + kept {
                return from + offset - copied
            }
            copied += kept
            if offset < copied + patch.replacement.count {
                return patch.span.lowerBound
            }
            copied += patch.replacement.count
            from = patch.span.upperBound
        }
        return from + offset - copied
    }
}
