import Testing

@testable import RunLens

/// Where `EntryBoundary` finds the end of a malformed array entry; each offset is counted by
/// hand from the start of the text.
struct EntryBoundaryTests {
    static let cases: [(String, Int?)] = [
        (#"{"a":01},{"b":2}"#, 8),
        (#"{"a":[1,{"b":[2]}],"c":x}]"#, 25),
        (#"{"s":"],}{[","a":-}  ,"#, 21),
        (#"{"s":"\"]\\","a":-},"#, 19),
        ("{\"s\":\"open\n},{\"a\":1}", 12),
        ("{\"s\":\"a\\\n},{", 10),
        ("{\"s\":\"open\n,{\"a\":1}", nil),
        (#"1.5e ]"#, 5),
        (#"{"a":1}}"#, nil),
        (#"{"a":[1,2}"#, nil),
        (#"{"a":"never closed"#, nil),
        (#"{"a":[1,2]],"b":3},{"c":4}"#, 18),
        (#"{"a":[1,2},{"b":1}"#, 10),
        (#"{"a":{"b":1}}},{"c":2}"#, 14),
    ]

    /// A member's value ends at a `,` or at the `}` closing its object.
    static let memberCases: [(String, Int?)] = [
        (#"1.,"b":2}"#, 2),
        (#"1.}"#, 2),
        (#"[1,2]]}"#, 6),
        (#"1.]"#, nil),
    ]

    @Test(arguments: cases)
    func findsTheSeparatorAfterTheEntry(text: String, expected: Int?) {
        let bytes = Array(text.utf8)
        let found = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { EntryBoundary.end(of: 0, in: $0, upTo: buffer.count) }
        }
        #expect(found == expected, "\(text)")
    }

    @Test(arguments: memberCases)
    func findsTheEndOfAMembersValue(text: String, expected: Int?) {
        let bytes = Array(text.utf8)
        let found = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap {
                EntryBoundary.end(of: 0, in: $0, upTo: buffer.count, closer: UInt8(ascii: "}"))
            }
        }
        #expect(found == expected, "\(text)")
    }
}
