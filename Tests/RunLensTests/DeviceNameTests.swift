import Testing

@testable import RunLens

/// Device indexes split out of metric names (SPEC section 2, "device" row), by hand.
struct DeviceNameTests {
    struct SplitCase: CustomTestStringConvertible, Sendable {
        var name: String
        var base: String?
        var device: Int?
        var testDescription: String { name }
    }

    static let splits: [SplitCase] = [
        .init(name: "gpu_3_temp", base: "gpu_temp", device: 3),
        .init(name: "GPU_2_TEMP", base: "GPU_TEMP", device: 2),
        .init(name: "gpu3_util", base: "gpu_util", device: 3),
        .init(name: "gpu/1/memory_allocated", base: "gpu/memory_allocated", device: 1),
        .init(name: "system.gpu.3.temp", base: "system.gpu.temp", device: 3),
        .init(name: "system.gpu.0.gpu", base: "system.gpu.gpu", device: 0),
        .init(
            name: "system.gpu.0.memoryAllocated", base: "system.gpu.memoryAllocated", device: 0),
        .init(name: "system.gpu.11.powerWatts", base: "system.gpu.powerWatts", device: 11),
        // Not under a GPU or system prefix, or no index: the name stays whole.
        .init(name: "layer4.2.conv3", base: nil, device: nil),
        .init(name: "d0.loss_cls", base: nil, device: nil),
        .init(name: "loss_ce_3", base: nil, device: nil),
        .init(name: "gpu_util", base: nil, device: nil),
        .init(name: "gpu_mem", base: nil, device: nil),
        .init(name: "system.cpu", base: nil, device: nil),
        .init(name: "system.proc.memory.rssMB", base: nil, device: nil),
        .init(name: "gpu1234_util", base: "gpu_util", device: 1234),
        // Found by hand: the index overflowed the Int32 of a series key and crashed the run.
        .init(name: "gpu99999999999_util", base: nil, device: nil),
        .init(name: "gpu12345_util", base: nil, device: nil),
        // Found by fuzzing: a token shorter than "gpu" made an inverted range and trapped.
        .init(name: "gpu_a_b", base: nil, device: nil),
        .init(name: "system.io.x", base: nil, device: nil),
        .init(name: "gpu", base: nil, device: nil),
    ]

    @Test(arguments: splits)
    func splitsTheDeviceOffItsName(_ example: SplitCase) {
        let split = DeviceName.split(example.name)
        #expect(split?.base == example.base)
        #expect(split?.device == example.device)
    }

    @Test func fieldInfoShowsTheNameWithoutItsDevice() {
        let info = FieldInfo(rawName: "system.gpu.2.temp", matcher: RoleMatcher())
        #expect(info.name == "system.gpu.temp")
        #expect(info.device == 2)
        #expect(info.role == .gpuTemp)
    }
}
