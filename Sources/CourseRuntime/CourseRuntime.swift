import DLKit
import Render
public enum CourseRuntimeInfo { public static let version = "0.1.0" }
