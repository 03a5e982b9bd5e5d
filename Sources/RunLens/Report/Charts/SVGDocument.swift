/// Builds the text of an SVG image element by element; attribute values and text are
/// escaped here, so callers pass plain strings.
struct SVGDocument {
    /// One attribute: name and unescaped value.
    typealias Attribute = (name: String, value: String)

    let width: Double
    let height: Double
    private var body: [String] = []

    /// Starts an image of `width` × `height` pixels on a white background, titled `title`
    /// for screen readers and tooltips.
    init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        element("title", [], text: title)
        element(
            "rect",
            [
                ("x", "0"), ("y", "0"), ("width", Self.number(width)),
                ("height", Self.number(height)), ("fill", "#ffffff"),
            ])
    }

    /// Appends `<name attributes>text</name>`, or an empty element without `text`.
    mutating func element(_ name: String, _ attributes: [Attribute], text: String? = nil) {
        var line = "<" + name
        for attribute in attributes {
            line += " \(attribute.name)=\"\(XMLText.attribute(attribute.value))\""
        }
        if let text {
            line += ">" + XMLText.content(text) + "</\(name)>"
        } else {
            line += "/>"
        }
        body.append(line)
    }

    /// Appends an element with children already rendered (a `<path>` with a `<title>`).
    mutating func element(_ name: String, _ attributes: [Attribute], children: [String]) {
        var line = "<" + name
        for attribute in attributes {
            line += " \(attribute.name)=\"\(XMLText.attribute(attribute.value))\""
        }
        body.append(line + ">" + children.joined() + "</\(name)>")
    }

    /// A straight line.
    mutating func line(
        from start: (Double, Double), to end: (Double, Double), stroke: String,
        width: Double = 1, dash: String? = nil
    ) {
        var attributes: [Attribute] = [
            ("x1", Self.number(start.0)), ("y1", Self.number(start.1)),
            ("x2", Self.number(end.0)), ("y2", Self.number(end.1)),
            ("stroke", stroke), ("stroke-width", Self.number(width)),
        ]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        element("line", attributes)
    }

    /// Text at (`x`, `y`); a white halo keeps it readable over lines.
    mutating func text(
        _ text: String, x: Double, y: Double, size: Double = 11, anchor: String = "start",
        fill: String = "#333333", bold: Bool = false, halo: Bool = false, rotate: Bool = false
    ) {
        var attributes: [Attribute] = [
            ("x", Self.number(x)), ("y", Self.number(y)), ("font-size", Self.number(size)),
            ("text-anchor", anchor), ("fill", fill),
        ]
        if bold { attributes.append(("font-weight", "bold")) }
        if halo {
            attributes += [
                ("stroke", "#ffffff"), ("stroke-width", "3"), ("paint-order", "stroke"),
            ]
        }
        if rotate {
            attributes.append(("transform", "rotate(-90 \(Self.number(x)) \(Self.number(y)))"))
        }
        element("text", attributes, text: text)
    }

    /// The whole document.
    func render() -> String {
        var text = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\""
        text += " height=\"\(Self.number(height))\""
        text += " viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\""
        text += " font-family=\"Helvetica, Arial, sans-serif\">\n"
        for line in body { text += line + "\n" }
        return text + "</svg>\n"
    }

    /// A coordinate with at most one decimal, without a trailing `.0`; within ±1e9, far off
    /// any canvas, so that release builds never convert a huge one to an Int unchecked.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (min(max(value, -1e9), 1e9) * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return NumberFormat.fixed(rounded, decimals: 1)
    }
}
