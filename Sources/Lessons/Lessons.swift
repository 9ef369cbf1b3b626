// What `import Lessons` brings along: the lesson model and its results (CourseModel), and the wire types those
// results hold — events, check calls, verdicts, process ends (CourseWire).
@_exported import CourseModel
@_exported import CourseWire
