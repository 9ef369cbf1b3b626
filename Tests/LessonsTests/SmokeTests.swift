import XCTest
import Lessons
final class SmokeTests: XCTestCase { func testPlaceholder() { XCTAssertTrue(true) } }
