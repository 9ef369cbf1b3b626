import CourseWire

/// The verdict of one check, as the host received it (CourseWire's definition, the one the program wrote).
public typealias CheckResult = CourseWire.CheckVerdict
