import XCTest
import Render
final class SmokeTests: XCTestCase { func testPlaceholder() { XCTAssertTrue(true) } }
