package book

// Given reports whether the key held a value, valid or not: a rule that
// asks whether something was written down counts an invalid value as
// written (it has its own finding), not as missing.
func (f Field[T]) Given() bool { return f.Set || f.Invalid }
