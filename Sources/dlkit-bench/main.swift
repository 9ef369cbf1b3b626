import DLKit
print("bench")
