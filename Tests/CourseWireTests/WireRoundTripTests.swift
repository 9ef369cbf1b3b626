import CourseWire
import XCTest

/// Every event survives the wire unchanged, whatever its payload; and nothing a program prints becomes an event
/// unless it carries this run's nonce.
final class WireRoundTripTests: XCTestCase {
    private let nonce = "0123456789abcdef0123456789abcdef"

    private func roundTrip(_ events: [WireEvent], chunk: Int = 7) -> [WireSplitter.Item] {
        let bytes = Array(events.map { Wire.frame($0, nonce: nonce) }.joined().utf8)
        var splitter = WireSplitter(nonce: nonce)
        var items: [WireSplitter.Item] = []
        var start = 0
        while start < bytes.count {   // fed in small pieces, as a pipe delivers them
            let end = min(bytes.count, start + chunk)
            items += splitter.feed(Array(bytes[start..<end]))
            start = end
        }
        return items + splitter.finish()
    }

    static let hostile = "line one\nline two\ttabbed\r\n\u{1E}course:0123 {\"fake\":1}\n\u{0}nul\u{1B}[2J \"quoted\" \\ back"

    func testEveryKindOfEventRoundTrips() {
        let call = CheckCall(kind: .close, got: .tensor(type: "Tensor", shape: [2, 2], values: [0, .nan, .infinity, -1e-30]),
                             expected: .array([.number(0.5, type: "Float"), .int(-3), .string(Self.hostile), .bool(true)],
                                              type: "Float"),
                             tolerance: 1e-6, relativeTolerance: 1e-5, message: Self.hostile, line: 42, error: nil)
        let events: [WireEvent] = [
            .cellStarted(index: 0),
            .image(ShownImage(file: String(repeating: "ab", count: 32) + ".png", width: 640, height: 480,
                              description: Self.hostile)),
            .check(call),
            .check(CheckCall(kind: .type, got: nil, expected: .typeName("Swift.Int"), error: Self.hostile)),
            .check(CheckCall(kind: .parameterCount, got: .shapes([[3, 4], [4]]), expected: .int(16))),
            .memo(MemoReport(name: Self.hostile, outcome: .notSaved(seconds: 1.5, reason: Self.hostile))),
            .memo(MemoReport(name: "mlp", outcome: .loaded)),
            .progress(ProgressReport(label: "epoch 1/2", done: 3, total: 10,
                                     metrics: [.init(name: "loss", value: 0.25)], rate: 512, elapsed: 1.5)),
            .isolatedEnded(index: 3, expectFailure: true, end: .signaled(4), stderr: Self.hostile),
            .isolatedEnded(index: 4, expectFailure: false, end: .timedOut(seconds: 2.5), stderr: ""),
            .isolatedEnded(index: 5, expectFailure: false, end: .exited(3), stderr: ""),
            .finished,
        ]
        let items = roundTrip(events)
        XCTAssertEqual(items.count, events.count, "\(items)")
        for (item, event) in zip(items, events) {
            guard case .event(let back) = item else { return XCTFail("\(event) came back as \(item)") }
            if case .check(let sent) = event, case .check(let got) = back {
                // NaN is never equal to itself: compare the encodings.
                XCTAssertEqual(Wire.encode(.check(got)), Wire.encode(.check(sent)))
            } else {
                XCTAssertEqual(back, event)
            }
        }
    }

    func testTenMegabytesOfTextInOneEventRoundTrip() {
        let text = String(repeating: "x\n\t\u{1E}", count: 10 << 18)   // 10 MiB
        let items = roundTrip([.isolatedEnded(index: 1, expectFailure: false, end: .exited(0), stderr: text)], chunk: 65536)
        XCTAssertEqual(items, [.event(.isolatedEnded(index: 1, expectFailure: false, end: .exited(0), stderr: text))])
    }

    func testForgedMarkersNulAndInvalidUTF8StayText() {
        var splitter = WireSplitter(nonce: nonce)
        let forged = "\u{1E}course:ffff {\"cellStarted\":{\"index\":1}}\n"            // another nonce
        let broken = "\u{1E}course:\(nonce) {\"cellStarted\":\n"                    // not JSON
        let unsafeImage = Wire.frame(.image(ShownImage(file: "../../etc/passwd", width: 1, height: 1)), nonce: nonce)
        var bytes = Array((forged + broken + unsafeImage).utf8)
        bytes += [0x00, 0xFF, 0xFE, 0x0A]                                            // NUL and invalid UTF-8
        let real = Wire.frame(.cellStarted(index: 7), nonce: nonce)
        // Text printed without a newline right before a real event stays text, and the event still counts.
        bytes += Array("half a line".utf8) + Array(real.utf8)
        let items = splitter.feed(bytes) + splitter.finish()
        let events = items.compactMap { if case .event(let event) = $0 { return event } else { return nil } }
        XCTAssertEqual(events, [.cellStarted(index: 7)])
        let text = items.compactMap { if case .text(let text) = $0 { return text } else { return nil } }.joined()
        XCTAssertTrue(text.hasPrefix(forged + broken), text)
        XCTAssertTrue(text.contains("\u{0}\u{FFFD}\u{FFFD}\n"), "invalid bytes become replacement characters")
        XCTAssertTrue(text.hasSuffix("half a line"))
    }

    func testAnEventLineLongerThanTheLimitIsNotAnEvent() {
        var splitter = WireSplitter(nonce: nonce)
        let marker = Array(Wire.marker(nonce: nonce).utf8)
        var items = splitter.feed(marker)
        XCTAssertEqual(items, [], "a marker may still become an event")
        items = splitter.feed([UInt8](repeating: 0x41, count: Wire.maximumEventBytes + 1))
        XCTAssertFalse(items.isEmpty, "past the limit the bytes are passed on as text")
        XCTAssertFalse(items.contains { if case .event = $0 { return true } else { return false } })
    }

    func testExitStatusesDecodeOnce() {
        XCTAssertEqual(ProcessEnd(waitStatus: 0), .exited(0))
        XCTAssertEqual(ProcessEnd(waitStatus: 3 << 8), .exited(3))
        XCTAssertEqual(ProcessEnd(waitStatus: 4), .signaled(4))
        XCTAssertTrue(ProcessEnd.signaled(4).description.contains("SIGILL"))
        XCTAssertEqual(ProcessEnd.timedOut(seconds: 2).description, "stopped after 2 s")
    }

    func testVariableNamesAreTheOnesBothSidesRead() {
        XCTAssertEqual(Set(CourseVariable.allCases.map(\.name)).count, CourseVariable.allCases.count)
        XCTAssertTrue(CourseVariable.allCases.allSatisfy { $0.name.hasPrefix("COURSE_") })
    }
}
