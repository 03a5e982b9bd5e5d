import Testing

@testable import RunLens

struct XMLTextTests {
    @Test func contentEscapesMarkupCharacters() {
        #expect(XMLText.content("a<b & c>d \"q\"") == "a&lt;b &amp; c&gt;d \"q\"")
    }

    @Test func attributeEscapesQuotesAndKeepsLineEnds() {
        #expect(XMLText.attribute("say \"hi\"\nnext\tx") == "say &quot;hi&quot;&#10;next&#9;x")
    }

    @Test func charactersXMLCannotHoldBecomeReplacementCharacters() {
        #expect(XMLText.content("a\u{01}b\u{1B}c\u{FFFE}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect(XMLText.attribute("tab\tok") == "tab&#9;ok")
    }

    @Test func escapedTextReadsBackThroughAnXMLParser() throws {
        let text = "50% <fast> & \"slow\"\nnext line \u{07}"
        let document =
            "<a note=\"\(XMLText.attribute(text))\">\(XMLText.content(text))</a>"
        let parsed = try #require(XMLInspector.parse(document))
        let element = try #require(parsed.all("a").first)
        #expect(element.attributes["note"] == "50% <fast> & \"slow\"\nnext line \u{FFFD}")
        #expect(element.text == "50% <fast> & \"slow\"\nnext line \u{FFFD}")
    }

    /// What a digest reads back from a failed analysis's junit.xml: the text as it was, even
    /// where it held a reference already (`&lt;` stays the five characters it was).
    @Test(arguments: [
        "no metric record could be read from 'a & b.jsonl' (3 lines)",
        "quote \" <tag> &lt; line\nnext\r\tend", "&amp; &#10; plain",
    ])
    func attributeValuesReadBackAsWritten(_ text: String) {
        #expect(XMLText.unescapedAttribute(XMLText.attribute(text)) == text)
    }
}
