@testable import RunLens

/// What a rendered chart holds, read back with `XMLParser`.
struct ChartCheck {
    let parsed: XMLInspector

    /// Parses `svg`; `nil` when it is not well-formed XML.
    init?(_ svg: String) {
        guard let parsed = XMLInspector.parse(svg) else { return nil }
        self.parsed = parsed
    }

    /// The names (`<title>` children) of the `<path>` elements of class `kind`.
    func paths(_ kind: String = "series") -> [String] {
        let paths = parsed.elements.indices.filter {
            parsed.elements[$0].name == "path" && parsed.elements[$0].attributes["class"] == kind
        }
        return paths.map { index in
            let next = index + 1
            guard next < parsed.elements.count, parsed.elements[next].name == "title" else {
                return ""
            }
            return parsed.elements[next].text
        }
    }

    /// Every `<text>` element's text, in document order.
    var texts: [String] { parsed.all("text").map(\.text) }

    /// The `d` attribute of the series path named `name`.
    func pathData(_ name: String) -> String? {
        let elements = parsed.elements
        for index in elements.indices.dropLast()
        where elements[index].name == "path" && elements[index + 1].text == name {
            return elements[index].attributes["d"]
        }
        return nil
    }
}
