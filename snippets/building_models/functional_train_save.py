import warnings

import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)

# Made-up pairs: 64 pairs of items with 3 features each. The target is 1 when
# the left item's features add up to more than the right item's, else 0.
# 48 pairs train the model, 16 test it.
rng = np.random.default_rng(0)
x_left = rng.normal(size=(64, 3)).astype("float32")
x_right = rng.normal(size=(64, 3)).astype("float32")
y = (x_left.sum(axis=1) > x_right.sum(axis=1)).astype("float32")[:, None]
train = [x_left[:48], x_right[:48]], y[:48]
test = [x_left[48:], x_right[48:]], y[48:]

# The two-input model with the shared layer.
left = keras.Input(shape=(3,), name="left")
right = keras.Input(shape=(3,), name="right")
shared = layers.Dense(
    2, activation="relu", kernel_initializer="he_normal", name="shared"
)
merged = layers.Concatenate(name="merge")([shared(left), shared(right)])
score = layers.Dense(
    1, activation="sigmoid", kernel_initializer="he_normal", name="score"
)(merged)
model = keras.Model(inputs=[left, right], outputs=score, name="two_inputs")

model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.05),
    loss="binary_crossentropy",
    metrics=["binary_accuracy"],
)

# Several inputs: pass one array per input, in the order of `inputs`.
history = model.fit(*train, epochs=10, batch_size=8, verbose=0)
losses = history.history["loss"]  # one per epoch
print(len(losses), "epochs:", round(losses[0], 3), "->", round(losses[-1], 3))
#> 10 epochs: 0.493 -> 0.114

results = model.evaluate(*test, verbose=0, return_dict=True)
print({name: round(value, 3) for name, value in results.items()})
#> {'binary_accuracy': 0.875, 'loss': 0.239}

# NumPy 2's warning, see #sequential-train-save
with warnings.catch_warnings():
    message = "__array__ implementation"  # only this DeprecationWarning
    warnings.filterwarnings("ignore", message, DeprecationWarning)
    model.save("two_inputs.keras")

# load_model rebuilds the graph from the config, then loads the weights.
loaded = keras.models.load_model("two_inputs.keras")
print(type(loaded).__name__, loaded.name)
#> Functional two_inputs
# Weight tensors before saving, and after loading:
print(len(model.weights), len(loaded.weights))
#> 4 4

# Calling a model on its inputs gives its predictions.
before = model(test[0])
after = loaded(test[0])
print(np.array_equal(before, after))
#> True

# predict() gives them too; compare with a small
# tolerance (np.allclose).
predicted = loaded.predict(test[0], verbose=0)
print(np.allclose(predicted, after))
#> True

print(loaded.evaluate(*test, verbose=0, return_dict=True) == results)
#> True
