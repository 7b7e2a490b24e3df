// Package nn holds the small neural networks of the control experiment
// (docs/control.md): a multilayer perceptron with ReLU hidden layers and a
// convolutional net (one convolution layer, ReLU, 2×2 max pooling, a dense
// output layer), both with the softmax cross-entropy loss
//
//	L(θ) = (1/n) Σ_i −log softmax(f_θ(x_i))_{y_i},
//
// their gradients written by hand (backpropagation on gonum's BLAS),
// Hessian-vector products by central differences of the gradient, and the
// top Hessian eigenvalue by power iteration on them.
//
// Parameters live in one flat []float64 θ, so that optimisers (package
// optim) treat a network as a point of R^P. A network value carries only
// its shape and scratch buffers: it is not safe for concurrent use; give
// each goroutine its own with Clone.
package nn
