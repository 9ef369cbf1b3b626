import Lessons
print("course")
