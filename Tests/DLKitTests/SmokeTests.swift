import XCTest
import DLKit
final class SmokeTests: XCTestCase { func testPlaceholder() { XCTAssertTrue(true) } }
