import Testing

@testable import RunLens

struct TableTextTests {
    @Test func csvQuotesOnlyFieldsThatNeedIt() {
        #expect(CSVWriter.quote("loss") == "loss")
        #expect(CSVWriter.quote("a,b") == "\"a,b\"")
        #expect(CSVWriter.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.quote("día ünï") == "día ünï")
    }

    @Test func csvQuotesEveryKindOfLineEnd() {
        #expect(CSVWriter.quote("a\nb") == "\"a\nb\"")
        #expect(CSVWriter.quote("a\rb") == "\"a\rb\"")
        #expect(CSVWriter.quote("a\r\nb") == "\"a\r\nb\"")
    }

    @Test func markdownCellEscapesPipesAndAngleBrackets() {
        #expect(MarkdownTable.escape("a|b<c>") == "a\\|b&lt;c>")
        #expect(MarkdownTable.escape("plain ünï") == "plain ünï")
    }

    /// A code span shows `<` as it is (an entity there would show as `&lt;`); a backtick
    /// escaped, or one no run of its length closes, opens no span.
    @Test(arguments: [
        ("`a<b>` c<d", "`a<b>` c&lt;d"), ("``x`<y``", "``x`<y``"), ("\\`a<b\\`", "\\`a&lt;b\\`"),
        ("`a<b", "`a&lt;b"), ("``a<b`", "``a&lt;b`"), ("`a|b`", "`a\\|b`"),
        ("grad&amp;norm & more", "grad&amp;amp;norm & more"), ("`a&amp;b`", "`a&amp;b`"),
        ("&#38;&", "&amp;#38;&"),
    ])
    func markdownCellLeavesCodeSpansLiteral(cell: String, escaped: String) {
        #expect(MarkdownTable.escape(cell) == escaped)
    }

    @Test func markdownCellTurnsEachLineEndByteIntoASpace() {
        #expect(MarkdownTable.escape("a\nb\rc") == "a b c")
        #expect(MarkdownTable.escape("a\r\nb") == "a  b")
    }
}
