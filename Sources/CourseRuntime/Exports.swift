// The event types a lesson program reports (RuntimeEvent, CheckVerdict) are shared with the host.
@_exported import CourseWire
