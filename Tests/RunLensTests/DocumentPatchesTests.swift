import Testing

@testable import RunLens

/// A trainer state's metadata is read from a copy with bad values replaced; offsets are
/// counted by hand in `{"a":1.,"h":[x],"b":2}` (22 bytes) and its copy
/// `{"a":null,"h":[],"b":2}` (23 bytes).
struct DocumentPatchesTests {
    private static let text = Array(#"{"a":1.,"h":[x],"b":2}"#.utf8)

    private static func patched() -> DocumentPatches {
        var patches = DocumentPatches()
        patches.replace(5..<7, with: "null")
        patches.replace(12..<15, with: "[]")
        return patches
    }

    @Test func copiesTheTextWithEachSpanReplaced() {
        let copy = Self.text.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { Self.patched().copy($0, from: 0, to: buffer.count) }
        }

        #expect(copy == Array(#"{"a":null,"h":[],"b":2}"#.utf8))
    }

    @Test(arguments: [(0, 0), (4, 4), (6, 5), (9, 7), (14, 12), (15, 12), (16, 15), (22, 21)])
    func mapsOffsetsInTheCopyBackToTheText(copyOffset: Int, textOffset: Int) {
        #expect(Self.patched().documentOffset(of: copyOffset, from: 0) == textOffset)
    }

    @Test func aCopyFromALaterStartMapsFromThere() {
        var patches = DocumentPatches()
        patches.replace(10..<12, with: "null")

        // Bytes 4..<10 are copied first, then the stand-in from copy offset 6.
        #expect(patches.documentOffset(of: 5, from: 4) == 9)
        #expect(patches.documentOffset(of: 7, from: 4) == 10)
        #expect(patches.documentOffset(of: 10, from: 4) == 12)
    }
}
