import keras
import numpy as np

# Two sequences of 3 time steps. The second is 1 step long, padded with -1.
x = np.array([[[1.0], [2.0], [3.0]], [[4.0], [-1.0], [-1.0]]], dtype="float32")
y = np.zeros((2, 3, 1), dtype="float32")

# Masking marks the steps whose input is -1; the mask travels with the
# outputs of the layers after it, up to the loss.
inputs = keras.Input(shape=(3, 1))
masked = keras.layers.Masking(mask_value=-1.0)(inputs)
dense = keras.layers.Dense(1, kernel_initializer="ones", use_bias=False)
model = keras.Model(inputs, dense(masked))
model.compile(loss="mse", metrics=["mae"], run_eagerly=True)  # no graph
predictions = model.predict(x, verbose=0)
print(predictions[..., 0])  # the padded steps' inputs are replaced by 0
'''
[[1. 2. 3.]
 [4. 0. 0.]]
'''
# Squared errors 1 + 4 + 9 + 16 = 30 over the 4 real steps, not over all 6;
# the metric skips the padded steps too: 1 + 2 + 3 + 4 = 10 over 4.
print(model.evaluate(x, y, verbose=0, return_dict=True), 30 / 4, 30 / 6)
#> {'loss': 7.5, 'mae': 2.5} 7.5 5.0
# evaluate averages the losses of its batches (32 samples each by default).
# One sequence per batch: the mean of 14 / 3 and 16 / 1, while the metric,
# which accumulates over the whole data set, stays 2.5.
one_each = model.evaluate(x, y, batch_size=1, verbose=0, return_dict=True)
rounded = {name: round(value, 4) for name, value in one_each.items()}
print(rounded, round((14 / 3 + 16) / 2, 4))
#> {'loss': 10.3333, 'mae': 2.5} 10.3333

# With several features, a step is masked only when every feature equals
# mask_value (True: the step is kept).
two_features = np.array([[[-1.0, -1.0], [-1.0, 2.0]]], dtype="float32")
masking = keras.layers.Masking(mask_value=-1.0)
print(np.asarray(masking.compute_mask(two_features)))
#> [[False  True]]

# Zero sample weights per time step remove the same two steps from the sum,
# but the default still divides by all 6.
steps = np.array([[1.0, 1.0, 1.0], [1.0, 0.0, 0.0]], dtype="float32")
mse = keras.losses.MeanSquaredError()
print(mse(y, predictions, sample_weight=steps).numpy())
#> 5.0
# Dividing by the sum of the weights gives the masked result.
weighted_mean = keras.losses.MeanSquaredError(
    reduction="mean_with_sample_weight"
)
print(weighted_mean(y, predictions, sample_weight=steps).numpy())
#> 7.5

# Calling the model returns a tensor that carries the mask, and a loss
# called on it skips the padded steps. predict returns a NumPy array, without
# the mask: a loss computed from it divides by all 6 steps.
print(mse(y, model(x)).numpy(), mse(y, predictions).numpy())
#> 7.5 5.0
