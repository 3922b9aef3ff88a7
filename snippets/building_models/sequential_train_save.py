import json
import warnings
import zipfile

import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)

# Made-up data: 64 samples of 3 features, each with two yes/no targets
# (is x0 + x1 > 0? is x2 > 0?). 48 samples train the model, 16 test it.
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 3)).astype("float32")
y = np.stack([x[:, 0] + x[:, 1] > 0, x[:, 2] > 0], axis=1).astype("float32")
x_train, y_train = x[:48], y[:48]
x_test, y_test = x[48:], y[48:]

model = keras.Sequential(
    [
        keras.Input(shape=(3,), name="features"),
        layers.Dense(
            3, activation="relu", kernel_initializer="he_normal", name="layer1"
        ),
        layers.Dense(
            2, activation="relu", kernel_initializer="he_normal", name="layer2"
        ),
        layers.Dense(
            2,
            activation="sigmoid",
            kernel_initializer="he_normal",
            name="layer3",
        ),
    ],
    name="my_sequential",
)

# compile: how to update the weights, what to minimise, what to report.
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.05),
    loss="binary_crossentropy",
    metrics=["binary_accuracy"],
)

# fit: 10 passes (epochs) over the training data, one update per 8 samples.
history = model.fit(x_train, y_train, epochs=10, batch_size=8, verbose=0)
print(history.params)
#> {'verbose': 0, 'epochs': 10, 'steps': 6}
print(sorted(history.history))
#> ['binary_accuracy', 'loss']
print([round(loss, 3) for loss in history.history["loss"]])
#> [0.598, 0.518, 0.48, 0.465, 0.445, 0.421, 0.394, 0.362, 0.312, 0.272]

# evaluate: the loss and the metric on the 16 samples it never trained on.
results = model.evaluate(x_test, y_test, verbose=0, return_dict=True)
print({name: round(value, 3) for name, value in results.items()})
#> {'binary_accuracy': 0.875, 'loss': 0.443}

# save: the architecture, the weights and the compile settings, in one file.
with warnings.catch_warnings():
    # Keras' variables implement __array__ without the `copy` keyword that
    # NumPy 2 passes; NumPy calls it again without the keyword and warns that
    # it will stop doing so. Only this warning is ignored, and the values are
    # not affected: the loaded model predicts exactly the same numbers.
    warnings.filterwarnings(
        "ignore",
        message="__array__ implementation doesn't accept a copy keyword",
        category=DeprecationWarning,
        module="keras",
    )
    model.save("my_sequential.keras")

# A .keras file is a zip archive: the config, the weights and some metadata.
print(zipfile.ZipFile("my_sequential.keras").namelist())
#> ['metadata.json', 'config.json', 'model.weights.h5']

# The config records each layer's arguments, also those left at their
# default value (use_bias was never written in the code above).
with zipfile.ZipFile("my_sequential.keras") as archive:
    config = json.loads(archive.read("config.json"))
layer1 = config["config"]["layers"][1]["config"]
print(layer1["name"], layer1["units"], layer1["activation"], layer1["use_bias"])
#> layer1 3 relu True

loaded = keras.models.load_model("my_sequential.keras")
print(type(loaded).__name__, loaded.name)
#> Sequential my_sequential
# Calling a model on a batch gives its predictions (predict() gives them
# too; compare those with a tolerance, see #functional-train-save).
before = model(x_test)
after = loaded(x_test)
print(np.array_equal(before, after))
#> True
# The file kept the compile settings too: the loaded model evaluates as is.
print(loaded.evaluate(x_test, y_test, verbose=0, return_dict=True) == results)
#> True
