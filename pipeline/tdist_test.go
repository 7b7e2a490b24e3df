package pipeline

import "gonum.org/v1/gonum/stat/distuv"

func studentT(df int) distuv.StudentsT { return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)} }
