import Testing

@testable import RunLens

struct PrintableTextTests {
    @Test(arguments: [
        ("plain name", false, "plain name"), ("tab\tkept", false, "tab\tkept"),
        ("a\u{1B}[2Jb", false, "a\u{FFFD}[2Jb"), ("nul\u{0}", false, "nul\u{FFFD}"),
        ("two\nlines", false, "two\u{FFFD}lines"), ("two\nlines", true, "two\nlines"),
        ("cr\r\n", true, "cr\u{FFFD}\n"), ("del\u{7F} c1\u{85}", false, "del\u{FFFD} c1\u{FFFD}"),
        ("caf\u{E9} \u{2028}", false, "caf\u{E9} \u{2028}"),
    ])
    func controlCharactersBecomeReplacementCharacters(
        text: String, keepingNewlines: Bool, expected: String
    ) {
        #expect(PrintableText.of(text, keepingNewlines: keepingNewlines) == expected)
    }
}
