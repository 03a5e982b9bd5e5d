import Testing

@testable import RunLens

struct DeviceNameTests {
    struct Split: CustomStringConvertible, Sendable {
        var name: String
        var base: String?
        var device: Int?
        var description: String { name }
    }

    @Test(arguments: [
        Split(name: "gpu_3_temp", base: "gpu_temp", device: 3),
        Split(name: "gpu3_util", base: "gpu_util", device: 3),
        Split(name: "system.gpu.3.temp", base: "system.gpu.temp", device: 3),
        Split(name: "gpu1234_util", base: "gpu_util", device: 1234),
        Split(name: "layer4.2.conv3"),
        // Found by hand: the index overflowed the Int32 of a series key and crashed the run.
        Split(name: "gpu99999999999_util"),
        Split(name: "gpu12345_util"),
    ])
    func splitsOnlySmallDeviceIndexes(_ expected: Split) {
        let split = DeviceName.split(expected.name)
        #expect(split?.base == expected.base)
        #expect(split?.device == expected.device)
    }
}
