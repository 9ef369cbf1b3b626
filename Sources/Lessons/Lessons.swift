import CCmark
import Render
public enum LessonsInfo { public static let version = "0.1.0" }
