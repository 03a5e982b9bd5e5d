import RunLens

print("runlens")
