// The wire types (events, check calls, verdicts, process ends) are part of the results the host hands out.
@_exported import CourseWire
