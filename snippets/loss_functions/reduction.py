import keras
import numpy as np

mse = keras.losses.MeanSquaredError()
print(mse.reduction)  # the default
#> sum_over_batch_size
per_element = keras.losses.MeanSquaredError(reduction=None)

# Rank 3: a batch of 2 sequences, 3 time steps each, one output per step.
y_true = np.zeros((2, 3, 1))
y_pred = np.array([[[1.0], [2.0], [3.0]], [[0.0], [0.0], [6.0]]])
losses = per_element(y_true, y_pred).numpy()
print(losses.shape)  # one loss per sample AND time step
#> (2, 3)
print(losses)
'''
[[ 1.  4.  9.]
 [ 0.  0. 36.]]
'''
# The default ("sum_over_batch_size") divides the sum by the number of these
# losses, 2 * 3 = 6, not by the batch size, 2.
print(mse(y_true, y_pred).numpy(), losses.sum() / 6, losses.sum() / 2)
#> 8.333333 8.333333 25.0

# sample_weight: the weighted losses are summed and divided by the number
# of samples, not by the sum of the weights.
y_true = np.array([[0.0], [0.0]])
y_pred = np.array([[1.0], [2.0]])  # per-sample losses 1 and 4
weights = np.array([1.0, 0.0])
print(mse(y_true, y_pred, sample_weight=weights).numpy())
#> 0.5
# A weighted mean, (1 * 1 + 0 * 4) / (1 + 0), needs another reduction:
weighted_mean = keras.losses.MeanSquaredError(
    reduction="mean_with_sample_weight"
)
print(weighted_mean(y_true, y_pred, sample_weight=weights).numpy())
#> 1.0

# With a mask, the default divides by the number of unmasked losses. Here
# Masking marks the time steps whose input is -1 as padding.
inputs = keras.Input((3, 1))
masked = keras.layers.Masking(mask_value=-1.0)(inputs)
dense = keras.layers.Dense(1, kernel_initializer="ones", use_bias=False)
model = keras.Model(inputs, dense(masked))
model.compile(loss="mse")
x = np.array([[[1.0], [2.0], [3.0]], [[0.0], [-1.0], [-1.0]]])
# The second sample: 1 step, then 2 padded ones.
print(model.predict(x, verbose=0)[..., 0])
'''
[[1. 2. 3.]
 [0. 0. 0.]]
'''
# Squared errors 1 + 4 + 9 + 0 = 14 over the 4 unmasked steps, not over 6:
print(model.evaluate(x, np.zeros((2, 3, 1)), verbose=0), 14 / 4, 14 / 6)
#> 3.5 3.5 2.3333333333333335
