import CGD
import CCmark
public enum RenderInfo { public static let version = "0.1.0" }
