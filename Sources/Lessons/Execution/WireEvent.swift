import CourseWire

/// An event line written by a lesson program (CourseRuntime's `RuntimeChannel.emit`), decoded with the same
/// definition the program encoded it with (module CourseWire).
typealias WireEvent = RuntimeEvent

