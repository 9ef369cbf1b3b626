import Checksum
import Foundation

/// Grades a whole class with the one engine of `course check` (``Grader``): the reference solutions run once per
/// lesson (trusted, cached), then every workbook in a sandbox of its own, `jobs` at a time. Each result is stored
/// the moment it is known (``ClassOutput``), keyed by what decides it, so that a second run grades only what
/// changed and an interrupted run resumes. A workbook that does not compile, crashes, hangs or attacks costs only
/// its own row.
///
///     let classGrader = ClassGrader(grader: grader, catalog: catalog, output: ClassOutput(folder: out))
///     let summary = try classGrader.grade(try ClassSubmission.find(["class/"], lesson: nil), jobs: 2) { event in … }
///     summary.records.count
public struct ClassGrader: Sendable {
    public var grader: Grader
    public var catalog: LessonCatalog
    public var output: ClassOutput

    public init(grader: Grader, catalog: LessonCatalog, output: ClassOutput) {
        self.grader = grader
        self.catalog = catalog
        self.output = output
    }

    /// What a run reports as it goes.
    public enum Event: Sendable {
        /// Before grading: how many submissions, and how many of them are unchanged since a previous run.
        case planned(total: Int, unchanged: Int)
        /// The reference solutions of a lesson are running (or being read from the cache).
        case reference(lesson: String)
        /// A workbook has its record (graded now, or kept from a previous run).
        case finished(ClassRecord, unchanged: Bool, done: Int, total: Int, seconds: Double)
    }

    public struct Summary: Sendable {
        /// Every submission's record, in gradebook order.
        public var records: [ClassRecord]
        /// How many were graded in this run (the others were unchanged).
        public var graded: Int
        public var seconds: Double
    }

    /// A submission with everything its grading needs.
    struct Job {
        var submission: ClassSubmission
        var lesson: Lesson?
        var record: ClassRecord?
        var content = Data()
        var key = ""
    }

    /// Grades `submissions` (or keeps their unchanged records unless `force`), writes the records, the text
    /// reports and the gradebook, and returns them.
    public func grade(_ submissions: [ClassSubmission], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                      force: Bool = false, progress: @escaping @Sendable (Event) -> Void = { _ in }) throws -> Summary {
        let start = Date()
        try output.checkOwned()
        try checkFileNames(submissions)
        var work = try plan(submissions)
        let pending = work.indices.filter { index in
            guard work[index].record == nil else { return false }
            if !force, let stored = output.storedRecord(student: work[index].submission.student,
                                                        lesson: ClassGrader.lessonName(work[index].lesson!)),
               stored.key == work[index].key {
                work[index].record = stored
                return false
            }
            return true
        }
        progress(.planned(total: work.count, unchanged: work.count - pending.count))
        if !pending.isEmpty { try SandboxProbe.check() }
        var references: [String: LessonResult] = [:]
        for index in pending {
            let lesson = work[index].lesson!
            guard references[lesson.displayPath] == nil else { continue }
            progress(.reference(lesson: lesson.displayPath))
            references[lesson.displayPath] = try grader.referenceRun(lesson)
        }
        let kept = work.compactMap(\.record)
        for (done, record) in kept.enumerated() {
            try output.write(record)
            progress(.finished(record, unchanged: true, done: done + 1, total: work.count, seconds: 0))
        }
        let pool = ClassPool(jobs: pending.map { work[$0] }, done: kept.count, total: work.count)
        let graded = try pool.run(workers: max(1, jobs)) { job in
            let started = Date()
            let record = try gradeOne(job, reference: references[job.lesson!.displayPath]!)
            try output.write(record)
            return (record, Date().timeIntervalSince(started))
        } finished: { record, seconds, done in
            progress(.finished(record, unchanged: false, done: done, total: work.count, seconds: seconds))
        }
        let records = Gradebook.sorted(kept + graded)
        try output.writeGradebook(records)
        return Summary(records: records, graded: graded.count, seconds: Date().timeIntervalSince(start))
    }

    /// Each submission's lesson, content and key; a record already for those that cannot be graded at all.
    func plan(_ submissions: [ClassSubmission]) throws -> [Job] {
        var lessons: [String: Result<Lesson, Error>] = [:]
        var lessonKeys: [String: String] = [:]
        let runner = try grader.runner
        return try submissions.map { submission in
            var job = Job(submission: submission)
            guard let name = submission.lessonName else {
                job.record = notGraded(submission, lesson: "unknown", GradingError.unknownLessonForWorkbook(
                    path: submission.displayPath).description)
                return job
            }
            if lessons[name] == nil { lessons[name] = Result { try loadLesson(name) } }
            switch lessons[name]! {
            case .failure(let error):
                job.record = notGraded(submission, lesson: name, "\(error)")
            case .success(let lesson):
                job.lesson = lesson
                if lessonKeys[lesson.displayPath] == nil {
                    lessonKeys[lesson.displayPath] = try runner.cacheKey(
                        for: lesson, exercises: .solution, options: RunOptions(dataKey: grader.limits.dataKey)).digest
                }
                do {
                    job.content = try WorkbookFile.read(submission.url, displayPath: submission.displayPath)
                } catch {
                    job.record = notGraded(submission, lesson: ClassGrader.lessonName(lesson), "\(error)")
                    return job
                }
                job.key = key(content: job.content, submission: submission, lessonKey: lessonKeys[lesson.displayPath]!)
            }
            return job
        }
    }

    /// What decides a grade, hashed: the workbook's bytes and shown path, the student, the lesson's own cache key
    /// (its code and checks, the CourseKit build, the compiler, the data), and the limits.
    func key(content: Data, submission: ClassSubmission, lessonKey: String) -> String {
        let hasher = Checksum.Hasher(.sha256)
        let limits = grader.limits
        for field in ["course-class-1", submission.student, submission.displayPath, lessonKey,
                      "\(limits.timeLimit) \(limits.memoryLimitMB) \(limits.lessonTimeLimit) \(limits.compileTimeLimit)"] {
            hasher.update("\(field.utf8.count):\(field)\n")
        }
        hasher.update(content)
        return hasher.finish()
    }

    /// One workbook through the engine. A workbook that cannot be read becomes its row; any other error (no
    /// sandbox, a full disk) stops the run.
    func gradeOne(_ job: Job, reference: LessonResult) throws -> ClassRecord {
        let lesson = job.lesson!
        let exercises = Exercise.all(in: lesson)
        guard let text = String(data: job.content, encoding: .utf8) else {
            return notGraded(job.submission, lesson: ClassGrader.lessonName(lesson), key: job.key, exercises: exercises,
                             GradingError.unreadableSubmission(path: job.submission.displayPath,
                                                               reason: "it is not UTF-8 text").description)
        }
        let submission = Submission(markdown: text, displayPath: job.submission.displayPath, exercises: exercises)
        let report = try grader.grade(lesson: lesson, submission: submission, reference: reference)
        return ClassRecord(submission: job.submission, lesson: ClassGrader.lessonName(lesson), key: job.key,
                           exercises: exercises, report: report)
    }

    func notGraded(_ submission: ClassSubmission, lesson: String, key: String = "", exercises: [Exercise] = [],
                   _ reason: String) -> ClassRecord {
        ClassRecord(student: submission.student, lesson: lesson, workbook: submission.displayPath, key: key,
                    exercises: exercises.map { .init(id: $0.id, points: $0.points) },
                    status: "not graded: " + reason.replacingOccurrences(of: "\n", with: " "), report: nil)
    }

    /// A lesson by number or name, or an instructor's lesson file (`drafts/02-pooling.md`).
    func loadLesson(_ name: String) throws -> Lesson {
        if name.hasSuffix(".md") && FileManager.default.fileExists(atPath: name) {
            return try Lesson(contentsOf: URL(fileURLWithPath: name), displayPath: name)
        }
        let url = try catalog.find(name)
        return try Lesson(contentsOf: url, displayPath: "lessons/" + url.lastPathComponent)
    }

    /// `02-pooling`: the name records and the gradebook use.
    static func lessonName(_ lesson: Lesson) -> String { lesson.url.deletingPathExtension().lastPathComponent }

    private func checkFileNames(_ submissions: [ClassSubmission]) throws {
        var owner: [String: String] = [:]
        for submission in submissions {
            let safe = submission.fileSafeStudent
            if let other = owner[safe], other != submission.student {
                throw ClassGradingError.sameFileName(first: other, second: submission.student)
            }
            owner[safe] = submission.student
        }
    }
}
