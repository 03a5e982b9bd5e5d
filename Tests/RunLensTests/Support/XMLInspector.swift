import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses an XML document with Foundation's `XMLParser` and keeps every element with its
/// attributes and text, so tests can check SVG and JUnit output.
final class XMLInspector: NSObject, XMLParserDelegate {
    /// One element: its name, attributes, text content, and the names of its ancestors.
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
        var path: [String]
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private(set) var error: String?

    /// Parses `text`; `nil` when it is not well-formed XML.
    static func parse(_ text: String) -> XMLInspector? {
        let inspector = XMLInspector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = inspector
        guard parser.parse(), inspector.error == nil else { return nil }
        return inspector
    }

    /// Elements named `name`.
    func all(_ name: String) -> [Element] {
        elements.filter { $0.name == name }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String]
    ) {
        let path = open.map { elements[$0].name }
        elements.append(Element(name: elementName, attributes: attributes, text: "", path: path))
        open.append(elements.count - 1)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName: String?
    ) {
        _ = open.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = open.last { elements[last].text += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = "\(parseError)"
    }
}
