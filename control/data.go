package control

import (
	"fmt"

	"github.com/htsgd/htsgd/nn"
	"github.com/htsgd/htsgd/rng"
)

// imageSide is the side of an MNIST image.
const imageSide = 28

// Downsample returns the 28×28 image img with pixels scaled to [0, 1] and
// averaged over pool×pool blocks (pool divides 28): a side of 28/pool.
func Downsample(img []byte, pool int, dst []float64) {
	s := imageSide / pool
	w := 1 / (255 * float64(pool*pool))
	for y := 0; y < s; y++ {
		for x := 0; x < s; x++ {
			v := 0.0
			for dy := 0; dy < pool; dy++ {
				for dx := 0; dx < pool; dx++ {
					v += float64(img[(y*pool+dy)*imageSide+x*pool+dx])
				}
			}
			dst[y*s+x] = v * w
		}
	}
}

// Sets are the training subset and the test set of one replication.
type Sets struct {
	Train, Test *nn.Data
	// Corrupted lists the training examples whose label was replaced.
	Corrupted []int
}

// MakeTrain draws the training subset of one replication from m: train
// images of the 60,000 chosen uniformly without replacement, of which the
// first corrupt (in the drawn order, so a uniform subset) get a label drawn
// uniformly from the nine wrong digits. Images are downsampled by pool. r
// draws the subset and the labels. Test is left nil.
func MakeTrain(m *MNIST, train, corrupt, pool int, r *rng.Rand) (*Sets, error) {
	if train > len(m.TrainImages) || corrupt > train || imageSide%pool != 0 {
		return nil, fmt.Errorf("control: bad data sizes train=%d corrupt=%d pool=%d", train, corrupt, pool)
	}
	side := imageSide / pool
	d := side * side
	perm := make([]int, len(m.TrainImages))
	for i := range perm {
		perm[i] = i
	}
	tr := &nn.Data{X: make([]float64, train*d), Y: make([]int, train), N: train, D: d, Classes: 10, Side: side}
	s := &Sets{Train: tr}
	for k := 0; k < train; k++ {
		j := k + int(r.Uint64n(uint64(len(perm)-k)))
		perm[k], perm[j] = perm[j], perm[k]
		i := perm[k]
		Downsample(m.TrainImages[i], pool, tr.X[k*d:(k+1)*d])
		tr.Y[k] = m.TrainLabels[i]
	}
	for k := 0; k < corrupt; k++ {
		wrong := int(r.Uint64n(9))
		if wrong >= tr.Y[k] {
			wrong++
		}
		tr.Y[k] = wrong
		s.Corrupted = append(s.Corrupted, k)
	}
	return s, nil
}

// MakeTest returns the first test images of the 10,000 (in file order),
// downsampled by pool.
func MakeTest(m *MNIST, test, pool int) (*nn.Data, error) {
	if test < 1 || test > len(m.TestImages) || imageSide%pool != 0 {
		return nil, fmt.Errorf("control: bad test size %d or pool %d", test, pool)
	}
	side := imageSide / pool
	d := side * side
	te := &nn.Data{X: make([]float64, test*d), Y: make([]int, test), N: test, D: d, Classes: 10, Side: side}
	for i := 0; i < test; i++ {
		Downsample(m.TestImages[i], pool, te.X[i*d:(i+1)*d])
		te.Y[i] = m.TestLabels[i]
	}
	return te, nil
}
