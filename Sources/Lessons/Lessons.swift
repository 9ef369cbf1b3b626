// The model (lessons, cells, prose trees, results) is defined in CourseModel, below both Lessons and Render;
// `import Lessons` brings it along.
@_exported import CourseModel
