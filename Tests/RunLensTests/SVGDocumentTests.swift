import Testing

@testable import RunLens

struct SVGDocumentTests {
    /// Coordinates keep one decimal. One far off the canvas (a marker at a step of 1e300)
    /// once went to an unchecked Int: now it stops at ±1e9, still off any canvas.
    @Test(arguments: [
        (12.34, "12.3"), (400, "400"), (-7.25, "-7.3"), (1e300, "1000000000"),
        (-1.7976931348623157e308, "-1000000000"), (9.3e18, "1000000000"),
    ])
    func coordinatesStayWithinACanvasTheSizeOfABillion(value: Double, text: String) {
        #expect(SVGDocument.number(value) == text)
    }
}
