import importlib.util
import os
import shutil

import IPython.display
import keras
from keras import layers

keras.utils.set_random_seed(0)

# The two-input model of the previous example.
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

# plot_model needs the pydot package and Graphviz's `dot` program.
print(importlib.util.find_spec("pydot") is not None, bool(shutil.which("dot")))
#> True True

# Draw the graph with Graphviz: a box per layer, an arrow from each layer to
# every layer that takes its output.
try:
    keras.utils.plot_model(
        model,
        to_file="functional_two_inputs_plot.svg",
        show_shapes=True,
        show_layer_names=True,
    )
except ValueError as error:
    print(error)
    #> Cannot embed the 'svg' image format

# The drawing was written all the same.
print(os.path.exists("functional_two_inputs_plot.svg"))
#> True

# The message is IPython's: after writing the file, plot_model hands it to
# IPython (when IPython is installed) as an image for a notebook to show,
# and IPython's Image cannot hold an SVG file.
try:
    IPython.display.Image(filename="functional_two_inputs_plot.svg")
except ValueError as error:
    print(error)
    #> Cannot embed the 'svg' image format
